package dev.weft.instrumentation.opentelemetryapi.bridge;

import application.io.opentelemetry.api.common.AttributeKey;
import application.io.opentelemetry.api.common.Attributes;
import application.io.opentelemetry.api.trace.Span;
import application.io.opentelemetry.api.trace.SpanContext;
import application.io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.TimeUnit;

/**
 * A span of Weft's, as the application API sees it. Methods that API versions after 1.0 added (links
 * after start, typed attribute helpers, ...) run their interface defaults, which end in the 1.0
 * methods below.
 */
final class BridgedSpan implements Span {
  final io.opentelemetry.api.trace.Span agent;
  private SpanContext spanContext;

  BridgedSpan(io.opentelemetry.api.trace.Span agent) {
    this.agent = agent;
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    io.opentelemetry.api.common.AttributeKey<Object> k = Bridging.toAgent(key);
    if (k != null && value != null) {
      agent.setAttribute(k, value);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, String value) {
    agent.setAttribute(key, value);
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    agent.setAttribute(key, value);
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    agent.setAttribute(key, value);
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    agent.setAttribute(key, value);
    return this;
  }

  @Override
  public Span addEvent(String name) {
    agent.addEvent(name);
    return this;
  }

  @Override
  public Span addEvent(String name, long timestamp, TimeUnit unit) {
    agent.addEvent(name, timestamp, unit);
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    agent.addEvent(name, Bridging.toAgent(attributes));
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    agent.addEvent(name, Bridging.toAgent(attributes), timestamp, unit);
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    if (statusCode != null) {
      agent.setStatus(io.opentelemetry.api.trace.StatusCode.valueOf(statusCode.name()), description);
    }
    return this;
  }

  @Override
  public Span recordException(Throwable exception) {
    agent.recordException(exception);
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    agent.recordException(exception, Bridging.toAgent(additionalAttributes));
    return this;
  }

  @Override
  public Span updateName(String name) {
    agent.updateName(name);
    return this;
  }

  @Override
  public void end() {
    agent.end();
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    agent.end(timestamp, unit);
  }

  @Override
  public SpanContext getSpanContext() {
    SpanContext sc = spanContext;
    if (sc == null) {
      sc = Bridging.toApplication(agent.getSpanContext()); // immutable: convert once
      spanContext = sc;
    }
    return sc;
  }

  @Override
  public boolean isRecording() {
    return agent.isRecording();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BridgedSpan && ((BridgedSpan) o).agent == agent;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(agent);
  }

  @Override
  public String toString() {
    return agent.toString();
  }
}
