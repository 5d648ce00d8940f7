package dev.weft.agent.internal;

import dev.weft.bootstrap.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

/**
 * Which propagator each name in {@code OTEL_PROPAGATORS} becomes. The SDK's autoconfigure resolves the
 * names ({@code tracecontext} and {@code baggage} itself, {@code b3}, {@code b3multi}, {@code jaeger},
 * {@code ottrace} through the bundled {@code opentelemetry-extension-trace-propagators}, {@code none});
 * its per-propagator customizer then swaps the API's {@code tracecontext} for Weft's, which follows
 * W3C Trace Context Level 2 where the API's does not (repeated headers, invalid tracestate members).
 * Unknown names never reach the SDK: {@link ConfigValidator} warns once and drops them.
 */
final class PropagatorWiring {
  private PropagatorWiring() {}

  static TextMapPropagator customize(TextMapPropagator configured, ConfigProperties config) {
    if (configured instanceof io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator) {
      return W3CTraceContextPropagator.getInstance();
    }
    return configured;
  }
}
