package dev.weft.instrumentation.httpclient.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.WeftOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientRequestResendCount;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP client instrumentation gets from the shared instrumenter, checked on the instrumentation
 * API 2.31.1 it is built on: CLIENT spans named by method, {@code _OTHER}, url.full redaction, ERROR for
 * 4xx/5xx and failures, the resend count, captured headers; and injection that keeps the application's
 * own headers.
 */
class HttpClientInstrumentersTest {
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static Instrumenter<Req, Integer> instrumenter;

  /** A request: method, URL, headers (the carrier for injection too). */
  record Req(String method, String url, Map<String, String> headers) {
    Req(String method, String url) {
      this(method, url, new LinkedHashMap<>());
    }
  }

  static final class Getter implements HttpClientAttributesGetter<Req, Integer> {
    @Override
    public String getHttpRequestMethod(Req r) {
      return r.method();
    }

    @Override
    public String getUrlFull(Req r) {
      return r.url();
    }

    @Override
    public String getServerAddress(Req r) {
      return URI.create(r.url()).getHost();
    }

    @Override
    public Integer getServerPort(Req r) {
      return URI.create(r.url()).getPort();
    }

    @Override
    public List<String> getHttpRequestHeader(Req r, String name) {
      String v = r.headers().get(name);
      return v == null ? List.of() : List.of(v);
    }

    @Override
    public Integer getHttpResponseStatusCode(Req r, Integer status, Throwable error) {
      return status;
    }

    @Override
    public List<String> getHttpResponseHeader(Req r, Integer status, String name) {
      return name.equals("x-reply") ? List.of("r1") : List.of();
    }
  }

  static final TraceContextInjector<Req> INJECTOR =
      TraceContextInjector.create(new TraceContextInjector.Headers<Req>() {
        @Override
        public boolean isSet(Req r, String name) {
          return r.headers().containsKey(name);
        }

        @Override
        public void set(Req r, String name, String value) {
          r.headers().put(name, value);
        }
      });

  @BeforeAll
  static void installSdk() {
    WeftConfig.set(new WeftConfig(Map.of(
        "otel.instrumentation.http.client.capture-request-headers", "x-custom",
        "otel.instrumentation.http.client.capture-response-headers", "x-reply")));
    WeftOpenTelemetry.install(OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build());
    instrumenter = HttpClientInstrumenters.create("test-client", new Getter());
  }

  @BeforeEach
  void reset() {
    SPANS.reset();
  }

  private SpanData call(Context parent, Req request, Integer status, Throwable error) {
    Context context = instrumenter.start(parent, request);
    INJECTOR.inject(context, request);
    instrumenter.end(context, request, status, error);
    List<SpanData> finished = SPANS.getFinishedSpanItems();
    return finished.get(finished.size() - 1);
  }

  @Test
  void aClientSpanNamedByMethodWithTheStableAttributes() {
    Req request = new Req("GET", "http://example.com:8080/a?b=c");
    request.headers().put("x-custom", "c1");
    SpanData span = call(Context.root(), request, 200, null);
    assertThat(span.getName()).isEqualTo("GET");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.weft.test-client");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("url.full"))).isEqualTo("http://example.com:8080/a?b=c");
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.x-custom"))).containsExactly("c1");
    assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("http.response.header.x-reply"))).containsExactly("r1");
    // flags: sampled, and (SDK 1.65, W3C level 2) a random trace id
    assertThat(request.headers().get("traceparent"))
        .isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-03");
  }

  @Test
  void userInfoAndCredentialQueryParametersAreRedactedByTheExtractor() {
    SpanData span = call(Context.root(), new Req("GET",
        "https://user:pw@example.com/p?AWSAccessKeyId=a&Signature=b&sig=c&X-Goog-Signature=d&keep=e&token=f"), 200, null);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("url.full"))).isEqualTo(
        "https://REDACTED:REDACTED@example.com/p?AWSAccessKeyId=REDACTED&Signature=REDACTED&sig=REDACTED"
            + "&X-Goog-Signature=REDACTED&keep=e&token=f");
  }

  @Test
  void anUnknownMethodIsOther() {
    SpanData span = call(Context.root(), new Req("FROB", "http://example.com/"), 200, null);
    assertThat(span.getName()).isEqualTo("HTTP");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("_OTHER");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method_original"))).isEqualTo("FROB");
  }

  @Test
  void fourAndFiveHundredsAndFailuresAreErrors() {
    SpanData notFound = call(Context.root(), new Req("GET", "http://example.com/"), 404, null);
    assertThat(notFound.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(notFound.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("404");
    SpanData refused = call(Context.root(), new Req("GET", "http://example.com/"), null, new ConnectException("refused"));
    assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(refused.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("java.net.ConnectException");
    assertThat(refused.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
  }

  @Test
  void attemptsAfterTheFirstCarryTheResendCount() {
    Context call = HttpClientRequestResendCount.initialize(Context.root());
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      counts.add(call(call, new Req("GET", "http://example.com/"), 200, null)
          .getAttributes().get(AttributeKey.longKey("http.request.resend_count")));
    }
    assertThat(counts).containsExactly(null, 1L, 2L);
  }

  @Test
  void aNestedClientCallIsSuppressed() {
    Req outer = new Req("GET", "http://example.com/outer");
    Context outerContext = instrumenter.start(Context.root(), outer);
    try (Scope ignored = outerContext.makeCurrent()) {
      assertThat(instrumenter.shouldStart(Context.current(), new Req("GET", "http://example.com/inner"))).isFalse();
    }
    instrumenter.end(outerContext, outer, 200, null);
  }

  @Test
  void aTraceparentTheApplicationSetIsKept() {
    Req request = new Req("GET", "http://example.com/");
    request.headers().put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    call(Context.root(), request, 200, null);
    assertThat(request.headers()).containsExactly(
        Map.entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
  }

  @Test
  void aCallFailureGetsASpanUnlessItsLatestAttemptRecordedIt() {
    Req request = new Req("GET", "http://example.com/");
    Context beforeAnyAttempt = ClientCall.start(Context.root());
    ClientCall.failed(instrumenter, beforeAnyAttempt, request, new ConnectException("refused"));
    assertThat(SPANS.getFinishedSpanItems()).singleElement()
        .satisfies(s -> assertThat(s.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("java.net.ConnectException"));

    SPANS.reset();
    Context afterFailedAttempt = ClientCall.start(Context.root());
    ClientCall.attemptEnded(afterFailedAttempt, true);
    ClientCall.failed(instrumenter, afterFailedAttempt, request, new java.io.IOException("Canceled"));
    assertThat(SPANS.getFinishedSpanItems()).isEmpty();

    Context afterRedirect = ClientCall.start(Context.root());
    ClientCall.attemptEnded(afterRedirect, false);
    ClientCall.failed(instrumenter, afterRedirect, request, new ConnectException("refused"));
    assertThat(SPANS.getFinishedSpanItems()).hasSize(1);
  }

  @Test
  void aNullCarrierIsIgnored() {
    Context context = instrumenter.start(Context.root(), new Req("GET", "http://example.com/"));
    INJECTOR.inject(context, null);
  }
}
