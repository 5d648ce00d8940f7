package dev.weft.instrumentation.opentelemetryapi.bridge;

import application.io.opentelemetry.api.common.AttributeKey;
import application.io.opentelemetry.api.common.Attributes;
import application.io.opentelemetry.api.trace.Span;
import application.io.opentelemetry.api.trace.SpanBuilder;
import application.io.opentelemetry.api.trace.SpanContext;
import application.io.opentelemetry.api.trace.SpanKind;
import application.io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/** The application's span builder on Weft's: without an explicit parent, the one shared current context. */
final class BridgedSpanBuilder implements SpanBuilder {
  private final io.opentelemetry.api.trace.SpanBuilder agent;

  BridgedSpanBuilder(io.opentelemetry.api.trace.SpanBuilder agent) {
    this.agent = agent;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    if (context != null) {
      agent.setParent(BridgedContext.toAgent(context));
    }
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    agent.setNoParent();
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    agent.addLink(Bridging.toAgent(spanContext));
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
    agent.addLink(Bridging.toAgent(spanContext), Bridging.toAgent(attributes));
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    agent.setAttribute(key, value);
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    agent.setAttribute(key, value);
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    agent.setAttribute(key, value);
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    agent.setAttribute(key, value);
    return this;
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    io.opentelemetry.api.common.AttributeKey<Object> k = Bridging.toAgent(key);
    if (k != null && value != null) {
      agent.setAttribute(k, value);
    }
    return this;
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind spanKind) {
    if (spanKind != null) {
      agent.setSpanKind(io.opentelemetry.api.trace.SpanKind.valueOf(spanKind.name()));
    }
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
    agent.setStartTimestamp(startTimestamp, unit);
    return this;
  }

  @Override
  public Span startSpan() {
    return new BridgedSpan(agent.startSpan());
  }
}
