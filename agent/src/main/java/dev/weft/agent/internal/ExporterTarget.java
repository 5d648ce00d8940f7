package dev.weft.agent.internal;

import dev.weft.bootstrap.WeftConfig;

/** Works out which endpoint an exporter uses, the way the SDK does, for the start-up line. */
final class ExporterTarget {
  static final String ZIPKIN_DEFAULT_ENDPOINT = "http://localhost:9411/api/v2/spans";

  private ExporterTarget() {}

  static String zipkinEndpoint(WeftConfig config) {
    return config.getString("otel.exporter.zipkin.endpoint", ZIPKIN_DEFAULT_ENDPOINT);
  }

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
