package dev.weft.instrumentation.httpclient.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.WeftOpenTelemetry;
import dev.weft.instrumentation.httpclient.bootstrap.AsyncCallSpans.Attempt;
import dev.weft.instrumentation.httpclient.bootstrap.HttpClientInstrumentersTest.Getter;
import dev.weft.instrumentation.httpclient.bootstrap.HttpClientInstrumentersTest.Req;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spans of a call whose attempts run on other threads: children of the caller's context, numbered by
 * resend count, ended once, nothing made current; a failure before any attempt gets its own span.
 */
class AsyncCallSpansTest {
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static AsyncCallSpans<Req, Integer> calls;

  @BeforeAll
  static void installSdk() {
    WeftConfig.set(new WeftConfig(Map.of()));
    WeftOpenTelemetry.install(OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build());
    calls = new AsyncCallSpans<>(HttpClientInstrumenters.create("async-test", new Getter()));
  }

  @BeforeEach
  void reset() {
    SPANS.reset();
  }

  /** Runs {@code task} on a fresh thread, as an I/O reactor would, and returns what it returned. */
  private static <T> T onAnotherThread(java.util.function.Supplier<T> task) throws InterruptedException {
    AtomicReference<T> result = new AtomicReference<>();
    Thread thread = new Thread(() -> result.set(task.get()));
    thread.start();
    thread.join();
    return result.get();
  }

  @Test
  void attemptsOnAnotherThreadAreChildrenOfTheCallersSpanNumberedByResendCount() throws Exception {
    Object key = new Object();
    Span parent = WeftOpenTelemetry.get().getTracer("t").spanBuilder("parent").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      calls.startCall(key, new Req("GET", "http://h:1/a"));
    }
    for (int i = 0; i < 2; i++) {
      String current = onAnotherThread(() -> {
        Attempt attempt = calls.startAttempt(key, new Req("GET", "http://h:1/a"), new Object());
        attempt.setResponse(302);
        calls.endAttempt(attempt, null);
        return Span.current().getSpanContext().getSpanId();
      });
      assertThat(current).as("nothing made current on the attempt's thread").isEqualTo("0000000000000000");
    }
    AsyncCallSpans.endCall(key, null);
    parent.end();
    List<SpanData> spans = SPANS.getFinishedSpanItems();
    assertThat(spans).hasSize(3);
    assertThat(spans.get(0).getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(spans.get(1).getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(spans.get(0).getAttributes().get(AttributeKey.longKey("http.request.resend_count"))).isNull();
    assertThat(spans.get(1).getAttributes().get(AttributeKey.longKey("http.request.resend_count"))).isEqualTo(1L);
    assertThat(AsyncCallSpans.isOpen(key)).isFalse();
  }

  @Test
  void aFailureBeforeAnyAttemptIsOneSpanAndEndingTwiceChangesNothing() {
    Object key = new Object();
    calls.startCall(key, new Req("GET", "http://h:1/refused"));
    ConnectException refused = new ConnectException("refused");
    AsyncCallSpans.endCall(key, refused);
    AsyncCallSpans.endCall(key, refused);
    assertThat(SPANS.getFinishedSpanItems()).singleElement().satisfies(s -> {
      assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(s.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("java.net.ConnectException");
    });
  }

  @Test
  void cancellingThroughAnAliasEndsTheOpenAttemptOnceAndNoCallSpan() {
    Object handler = new Object();
    Object future = new Object();
    calls.startCall(handler, new Req("GET", "http://h:1/slow"));
    AsyncCallSpans.alias(future, handler);
    Attempt attempt = calls.startAttempt(handler, new Req("GET", "http://h:1/slow"), new Object());
    AsyncCallSpans.cancelCall(future);
    calls.endAttempt(attempt, null); // the exchange ends later: no second end
    AsyncCallSpans.endCall(handler, null);
    assertThat(SPANS.getFinishedSpanItems()).singleElement().satisfies(s -> {
      assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(s.getAttributes().get(AttributeKey.stringKey("error.type")))
          .isEqualTo(CancellationException.class.getName());
    });
  }

  @Test
  void theSameRequestObjectSentAgainIsMarkedResent() {
    Object key = new Object();
    Object wire = new Object();
    calls.startCall(key, new Req("GET", "http://h:1/a"));
    Attempt first = calls.startAttempt(key, new Req("GET", "http://h:1/a"), wire);
    calls.endAttempt(first, new ConnectException("reset"));
    Attempt retry = calls.startAttempt(key, new Req("GET", "http://h:1/a"), wire);
    Attempt redirect = calls.startAttempt(key, new Req("GET", "http://h:1/b"), new Object());
    assertThat(first.resent()).isFalse();
    assertThat(retry.resent()).isTrue();
    assertThat(redirect.resent()).isFalse();
    // starting the redirect ended the retry the client never reported on
    assertThat(SPANS.getFinishedSpanItems()).hasSize(2);
    AsyncCallSpans.endCall(key, null);
    assertThat(SPANS.getFinishedSpanItems()).hasSize(3);
  }

  @Test
  void anUnknownCallStillGetsASpanUnderTheCurrentContext() {
    Attempt attempt = calls.startAttempt(new Object(), new Req("GET", "http://h:1/a"), new Object());
    calls.endAttempt(attempt, null);
    assertThat(SPANS.getFinishedSpanItems()).singleElement()
        .satisfies(s -> assertThat(s.getParentSpanContext().isValid()).isFalse());
    assertThat(Context.current()).isSameAs(Context.root());
  }
}
