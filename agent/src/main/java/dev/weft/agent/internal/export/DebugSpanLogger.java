package dev.weft.agent.internal.export;

import dev.weft.bootstrap.AgentLog;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/** With {@code OTEL_JAVAAGENT_DEBUG=true}: one line for every span that ends. */
public final class DebugSpanLogger implements SpanProcessor {
  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    SpanData d = span.toSpanData();
    AgentLog.debug(
        "span ended: '" + d.getName() + "' " + d.getKind() + " trace=" + d.getTraceId() + " span="
            + d.getSpanId() + " parent=" + d.getParentSpanId() + " status=" + d.getStatus().getStatusCode()
            + " " + ((d.getEndEpochNanos() - d.getStartEpochNanos()) / 1000) + "us " + d.getAttributes());
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }
}
