package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.internal.export.GuardedSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ExporterRetriesTest {
  private static ConfigProperties config(Map<String, String> values) {
    return DefaultConfigProperties.createFromMap(values);
  }

  private static final SpanExporter RETRYING = new NeverAnsweringExporter();

  @Test
  void theObserverTellsTheGuardAndKeepsTheSdksRetryRule() {
    GuardedSpanExporter guard = new GuardedSpanExporter(RETRYING, "test");
    Predicate<IOException> observer = ExporterRetries.observer(new AtomicReference<>(guard));
    guard.export(Collections.emptyList());
    assertThat(guard.hasFailingExportInFlight()).isFalse();

    assertThat(observer.test(new ConnectException("Connection refused"))).isTrue();

    assertThat(guard.hasFailingExportInFlight()).isTrue();
    assertThat(observer.test(new SocketTimeoutException("timeout"))).isTrue();
    assertThat(observer.test(new SSLHandshakeException("bad certificate"))).isFalse();
    assertThat(ExporterRetries.observer(new AtomicReference<>()).test(new ConnectException("x")))
        .as("before the guard exists")
        .isTrue();
  }

  @Test
  void otlpExportersAreRebuiltOfTheSameKindAndTheOriginalShutDown() {
    AtomicReference<GuardedSpanExporter> ref = new AtomicReference<>();
    OtlpHttpSpanExporter http = OtlpHttpSpanExporter.builder().setEndpoint("http://127.0.0.1:1/v1/traces").build();
    SpanExporter rebuiltHttp = ExporterRetries.observeFailedAttempts(http, config(Map.of()), ref);
    assertThat(rebuiltHttp).isInstanceOf(OtlpHttpSpanExporter.class).isNotSameAs(http);
    assertThat(rebuiltHttp.toString()).contains("127.0.0.1:1");
    assertThat(http.shutdown().isSuccess()).as("already shut down: nothing left to do").isTrue();

    OtlpGrpcSpanExporter grpc = OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:2").build();
    assertThat(ExporterRetries.observeFailedAttempts(grpc, config(Map.of()), ref))
        .isInstanceOf(OtlpGrpcSpanExporter.class).isNotSameAs(grpc);
  }

  @Test
  void withRetriesOffOrAnotherExporterNothingChanges() {
    AtomicReference<GuardedSpanExporter> ref = new AtomicReference<>();
    OtlpHttpSpanExporter http = OtlpHttpSpanExporter.getDefault();
    assertThat(ExporterRetries.observeFailedAttempts(
        http, config(Map.of("otel.java.exporter.otlp.retry.disabled", "true")), ref)).isSameAs(http);

    SpanExporter other = RETRYING;
    assertThat(ExporterRetries.observeFailedAttempts(other, config(Map.of()), ref)).isSameAs(other);
  }

  @Test
  void theTimeoutIsTheSignalSpecificOneThenTheGeneralOneThenTenSeconds() {
    assertThat(ExporterRetries.timeout(config(Map.of("otel.exporter.otlp.traces.timeout", "2s",
        "otel.exporter.otlp.timeout", "3000")))).isEqualTo(Duration.ofSeconds(2));
    assertThat(ExporterRetries.timeout(config(Map.of("otel.exporter.otlp.timeout", "3000"))))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(ExporterRetries.timeout(config(Map.of()))).isEqualTo(Duration.ofSeconds(10));
  }
}
