package dev.weft.agent.internal;

import dev.weft.bootstrap.WeftConfig;

/** Works out which endpoint the OTLP exporter uses, the way the SDK does, for the start-up line. */
final class ExporterTarget {
  private ExporterTarget() {}

  static String protocol(WeftConfig config) {
    return config.getString(
        "otel.exporter.otlp.traces.protocol", config.getString("otel.exporter.otlp.protocol", "http/protobuf"));
  }

  static String endpoint(WeftConfig config) {
    String specific = config.getString("otel.exporter.otlp.traces.endpoint");
    if (specific != null && !specific.isEmpty()) {
      return specific;
    }
    boolean grpc = "grpc".equals(protocol(config));
    String base = config.getString("otel.exporter.otlp.endpoint", grpc ? "http://localhost:4317" : "http://localhost:4318");
    if (grpc) {
      return base;
    }
    return base.endsWith("/") ? base + "v1/traces" : base + "/v1/traces";
  }
}
