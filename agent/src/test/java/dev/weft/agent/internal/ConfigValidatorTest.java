package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValidatorTest {

  private final List<String> warnings = new ArrayList<>();

  private Map<String, String> validate(String... keyValues) {
    Map<String, String> config = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put(keyValues[i], keyValues[i + 1]);
    }
    return ConfigValidator.validate(config, warnings);
  }

  /** key, bad value, what the key holds afterwards, and what the one warning must say is used. */
  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("otel.bsp.schedule.delay", "soon", "5000", "the default (5000 ms)"),
        Arguments.of("otel.bsp.schedule.delay", "5S", "5000", "the default (5000 ms)"),
        Arguments.of("otel.bsp.schedule.delay", "1.5s", "5000", "the default (5000 ms)"),
        Arguments.of("otel.bsp.schedule.delay", "-100", "5000", "the default (5000 ms)"),
        Arguments.of("otel.bsp.schedule.delay", "99999999999999999999", "5000", "the default (5000 ms)"),
        Arguments.of("otel.bsp.export.timeout", "10 minutes", "30000", "the default (30000 ms)"),
        Arguments.of("otel.exporter.otlp.timeout", "fast", "10000", "the default (10000 ms)"),
        Arguments.of("otel.bsp.max.queue.size", "0", "16384", "the default (16384)"),
        Arguments.of("otel.bsp.max.export.batch.size", "many", "2048", "the default (2048)"),
        Arguments.of("otel.attribute.value.length.limit", "-1", String.valueOf(Integer.MAX_VALUE), "no limit"),
        Arguments.of("otel.traces.exporter", "otpl", "otlp", "otlp"),
        Arguments.of("otel.traces.exporter", "console,jaeger", "console", "console"),
        Arguments.of("otel.traces.exporter", "otlp,none", "otlp", "otlp"),
        Arguments.of("otel.exporter.otlp.protocol", "http/json", "http/protobuf", "http/protobuf"),
        Arguments.of("otel.exporter.otlp.compression", "zstd", "none", "none"),
        Arguments.of("otel.exporter.otlp.endpoint", "not a url", "http://localhost:4318", "http://localhost:4318"),
        Arguments.of("otel.exporter.otlp.endpoint", "localhost:4318", "http://localhost:4318", "http://localhost:4318"),
        Arguments.of("otel.exporter.otlp.endpoint", "ftp://collector:4318", "http://localhost:4318", "http://localhost:4318"),
        Arguments.of(
            "otel.exporter.otlp.traces.endpoint", "::", "http://localhost:4318/v1/traces", "http://localhost:4318/v1/traces"),
        Arguments.of("otel.traces.sampler", "sometimes", "parentbased_always_on", "parentbased_always_on"),
        Arguments.of("otel.propagators", "tracecontext,foo", "tracecontext", "tracecontext"),
        Arguments.of("otel.propagators", "foo", "tracecontext,baggage", "tracecontext,baggage"),
        Arguments.of("otel.propagators", "b3,none", "b3", "b3"),
        Arguments.of("otel.javaagent.enabled", "yes", "true", "the default (true)"),
        Arguments.of("otel.instrumentation.jdbc.capture.query.parameters", "yes", "false", "false"),
        Arguments.of("otel.instrumentation.common.db.statement.sanitizer.enabled", "no", "true", "the default (true)"),
        Arguments.of("otel.sdk.disabled", "1", "false", "the default (false)"),
        Arguments.of("otel.javaagent.debug", "on", "false", "the default (false)"),
        Arguments.of("otel.instrumentation.http.url.connection.enabled", "nope", "true", "the default (true)"),
        Arguments.of("otel.instrumentation.executors.propagate.thread.start", "sometimes", "false", "the default (false)"),
        Arguments.of("otel.instrumentation.http.server.emit.traceresponse", "yes", "false", "the default (false)"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void aBadValueGetsOneWarningNamingVariableValueAndReplacement(
      String key, String bad, String replacement, String used) {
    Map<String, String> result = validate(key, bad);

    assertThat(result).containsEntry(key, replacement);
    assertThat(warnings).hasSize(1);
    String envName = key.toUpperCase().replace('.', '_');
    assertThat(warnings.get(0)).startsWith(envName + "=" + bad + " ").endsWith("; using " + used);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("goodValues")
  void aGoodValueIsKeptWithoutWarning(String key, String value, String normalized) {
    assertThat(validate(key, value)).containsEntry(key, normalized);
    assertThat(warnings).isEmpty();
  }

  static Stream<Arguments> goodValues() {
    return Stream.of(
        Arguments.of("otel.bsp.schedule.delay", "100", "100"),
        Arguments.of("otel.bsp.schedule.delay", "5s", "5s"),
        Arguments.of("otel.bsp.schedule.delay", "250ms", "250ms"),
        Arguments.of("otel.exporter.otlp.timeout", "3000", "3000"),
        Arguments.of("otel.bsp.max.queue.size", "10", "10"),
        Arguments.of("otel.traces.exporter", "otlp", "otlp"),
        Arguments.of("otel.traces.exporter", "OTLP, console", "otlp,console"),
        Arguments.of("otel.traces.exporter", "none", "none"),
        Arguments.of("otel.exporter.otlp.protocol", "grpc", "grpc"),
        Arguments.of("otel.exporter.otlp.protocol", "http/protobuf", "http/protobuf"),
        Arguments.of("otel.exporter.otlp.compression", "gzip", "gzip"),
        Arguments.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318", "http://127.0.0.1:4318"),
        Arguments.of("otel.exporter.otlp.endpoint", "https://collector.example.com", "https://collector.example.com"),
        Arguments.of("otel.exporter.otlp.headers", "authorization=Bearer%20x,x-tenant=acme", "authorization=Bearer%20x,x-tenant=acme"),
        Arguments.of("otel.resource.attributes", "a=b,c=d", "a=b,c=d"),
        Arguments.of("otel.traces.sampler", "traceidratio", "traceidratio"),
        Arguments.of("otel.propagators", "tracecontext,baggage,b3multi", "tracecontext,baggage,b3multi"),
        Arguments.of("otel.propagators", " TraceContext , Baggage,XRAY ", "tracecontext,baggage,xray"),
        Arguments.of("otel.javaagent.enabled", "FALSE", "FALSE"));
  }

  @Test
  void duplicateExportersAreMergedSilently() {
    assertThat(validate("otel.traces.exporter", "otlp,otlp")).containsEntry("otel.traces.exporter", "otlp");
    assertThat(warnings).isEmpty();
  }

  @Test
  void aBadSamplerRatioFallsBackToSamplingEverything() {
    Map<String, String> result = validate("otel.traces.sampler", "traceidratio", "otel.traces.sampler.arg", "abc");

    assertThat(result).containsEntry("otel.traces.sampler.arg", "1.0");
    assertThat(warnings).containsExactly(
        "OTEL_TRACES_SAMPLER_ARG=abc is not a ratio between 0 and 1; using 1.0 (sample everything)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-0.1", "NaN-ish"})
  void aRatioOutsideZeroToOneIsReplaced(String ratio) {
    validate("otel.traces.sampler", "parentbased_traceidratio", "otel.traces.sampler.arg", ratio);
    assertThat(warnings).hasSize(1);
  }

  @Test
  void theSamplerArgumentOfOtherSamplersIsNotChecked() {
    validate("otel.traces.sampler", "always_on", "otel.traces.sampler.arg", "abc");
    assertThat(warnings).isEmpty();
  }

  @Test
  void metricsAndLogsAreOffAndAskingForThemIsWarnedAbout() {
    Map<String, String> quiet = validate();
    assertThat(quiet).containsEntry("otel.metrics.exporter", "none").containsEntry("otel.logs.exporter", "none");
    assertThat(warnings).isEmpty();

    Map<String, String> asked = validate("otel.metrics.exporter", "otlp", "otel.logs.exporter", "none");
    assertThat(asked).containsEntry("otel.metrics.exporter", "none");
    assertThat(warnings).containsExactly("OTEL_METRICS_EXPORTER=otlp is ignored: Weft exports traces only; using none");
  }

  @Test
  void malformedHeadersAreDroppedAndNoHeaderValueIsEverPrinted() {
    Map<String, String> result =
        validate(
            "otel.exporter.otlp.headers",
            "authorization=Bearer secret-token,garbage-secret-without-equals,=secret-no-name,"
                + "x-key=%zzsecret-bad-escape,x-nonascii=secret%C3%A9,Bearer secret-in-name=x,x-tenant=acme");

    assertThat(result).containsEntry("otel.exporter.otlp.headers", "authorization=Bearer secret-token,x-tenant=acme");
    assertThat(warnings).hasSize(1);
    String warning = warnings.get(0);
    assertThat(warning)
        .startsWith("OTEL_EXPORTER_OTLP_HEADERS=<7 entries, values not shown> has malformed entries")
        .contains("(an entry without '=')", "(an entry without a name)", "x-key=…", "x-nonascii=…")
        .contains("(an entry whose name is not a valid header name)")
        .endsWith("using the other 2 entries")
        .doesNotContain("secret")
        .doesNotContain("acme");
  }

  @Test
  void signalSpecificHeadersAreCheckedTheSameWay() {
    validate("otel.exporter.otlp.traces.headers", "garbage-without-equals");
    assertThat(warnings).singleElement().asString()
        .startsWith("OTEL_EXPORTER_OTLP_TRACES_HEADERS=<1 entries, values not shown>")
        .doesNotContain("garbage");
  }

  @Test
  void malformedResourceAttributesAreShownSinceTheyAreNoSecret() {
    Map<String, String> result = validate("otel.resource.attributes", "team=payments,broken");
    assertThat(result).containsEntry("otel.resource.attributes", "team=payments");
    assertThat(warnings).singleElement().asString().startsWith("OTEL_RESOURCE_ATTRIBUTES=team=payments,broken").contains("[broken]");
  }

  @Test
  void grpcChangesTheDefaultEndpointUsedForABadOne() {
    Map<String, String> result = validate("otel.exporter.otlp.protocol", "grpc", "otel.exporter.otlp.endpoint", "nope");
    assertThat(result).containsEntry("otel.exporter.otlp.endpoint", "http://localhost:4317");
  }

  @Test
  void severalBadValuesGetOneWarningEach() {
    validate(
        "otel.bsp.schedule.delay", "soon",
        "otel.traces.exporter", "otpl",
        "otel.exporter.otlp.endpoint", "not a url",
        "otel.exporter.otlp.protocol", "http/json",
        "otel.traces.sampler", "traceidratio",
        "otel.traces.sampler.arg", "abc",
        "otel.exporter.otlp.headers", "garbage-without-equals",
        "otel.propagators", "tracecontext,foo",
        "otel.metrics.exporter", "otlp");
    assertThat(warnings).hasSize(8);
    assertThat(String.join("\n", warnings))
        .contains(
            "OTEL_BSP_SCHEDULE_DELAY=soon", "OTEL_TRACES_EXPORTER=otpl", "OTEL_EXPORTER_OTLP_ENDPOINT=not a url",
            "OTEL_EXPORTER_OTLP_PROTOCOL=http/json", "OTEL_TRACES_SAMPLER_ARG=abc", "OTEL_EXPORTER_OTLP_HEADERS=",
            "OTEL_PROPAGATORS=tracecontext,foo", "OTEL_METRICS_EXPORTER=otlp");
  }

  /**
   * The point of validating: whatever the user wrote, the SDK accepts what comes out. Each bad value
   * here stops the SDK's own autoconfigure from starting when passed through unvalidated.
   */
  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("valuesTheSdkRejects")
  void theSdkStartsWithWhatTheValidatorLetsThrough(String key, String value) {
    Map<String, String> config = new HashMap<>();
    config.put("otel.traces.exporter", "otlp"); // built, never used: no span is started
    config.put("otel.metrics.exporter", "none");
    config.put("otel.logs.exporter", "none");
    config.put(key, value);

    assertThatThrownBy(() -> buildSdk(config)).isInstanceOf(ConfigurationException.class);
    buildSdk(ConfigValidator.validate(config, warnings));
    assertThat(warnings).hasSize(1);
  }

  private static void buildSdk(Map<String, String> config) {
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .disableShutdownHook()
            .addPropertiesSupplier(() -> config)
            .build()
            .getOpenTelemetrySdk();
    sdk.close();
  }

  static Stream<Arguments> valuesTheSdkRejects() {
    return Stream.of(
        Arguments.of("otel.bsp.schedule.delay", "5S"),
        Arguments.of("otel.bsp.schedule.delay", "soon"),
        Arguments.of("otel.bsp.max.queue.size", "lots"),
        Arguments.of("otel.traces.sampler", "sometimes"),
        Arguments.of("otel.propagators", "tracecontext,none"),
        Arguments.of("otel.propagators", "nosuch"),
        Arguments.of("otel.traces.exporter", "otlp,none"),
        Arguments.of("otel.metrics.exporter", "prometheus"),
        Arguments.of("otel.exporter.otlp.protocol", "http/json"));
  }

  @Test
  void malformedMethodListEntriesGetOneWarningEachAndTheValueIsKept() {
    String include = "com.shop.Cart[price];com.shop.Tax;com.shop.Ship[]";
    Map<String, String> out =
        validate(
            "otel.instrumentation.methods.include", include,
            "otel.instrumentation.opentelemetry.instrumentation.annotations.exclude.methods", "a.B[c];x");
    assertThat(out).containsEntry("otel.instrumentation.methods.include", include);
    assertThat(warnings)
        .containsExactly(
            "OTEL_INSTRUMENTATION_METHODS_INCLUDE: entry 'com.shop.Tax' is not Class[method,...]; it is ignored",
            "OTEL_INSTRUMENTATION_METHODS_INCLUDE: entry 'com.shop.Ship[]' has an empty method name; it is ignored",
            "OTEL_INSTRUMENTATION_OPENTELEMETRY_INSTRUMENTATION_ANNOTATIONS_EXCLUDE_METHODS: entry 'x' is not"
                + " Class[method,...]; it is ignored");
  }
}
