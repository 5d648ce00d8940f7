package dev.weft.instrumentation.apachehttpclient.v5.async;

import dev.weft.instrumentation.httpclient.CallbackFutureInstrumentation;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * Apache HttpClient 5.x, async API ({@code CloseableHttpAsyncClient.execute} with a
 * {@code SimpleHttpRequest} or an {@code AsyncRequestProducer}): one span per attempt, each a child of
 * the context current at {@code execute}; the application's {@code FutureCallback} runs in that
 * context. Switch {@code apache-httpclient}, as in the OpenTelemetry agent, whose apache-httpclient-5.0
 * module covers the classic and the async API.
 */
public final class ApacheHttpAsyncClient5InstrumentationModule extends InstrumentationModule {
  public ApacheHttpAsyncClient5InstrumentationModule() {
    super("apache-httpclient");
  }

  /** Classes of the async exec chain, there since 5.0. */
  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList(
        "org.apache.hc.client5.http.impl.async.AsyncExecChainElement",
        "org.apache.hc.client5.http.async.AsyncExecCallback",
        "org.apache.hc.core5.concurrent.BasicFuture");
  }

  @Override
  public List<String> helperClassNames() {
    String p = "dev.weft.instrumentation.apachehttpclient.v5.";
    return Arrays.asList(
        p + "ApacheHttpClient5Attributes",
        p + "ApacheRequest",
        p + "async.ApacheHttpAsyncClient5Helper",
        p + "ApacheHttpClient5Helper$RequestHeaders",
        p + "async.AttemptCallback");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new AsyncExecChainElementInstrumentation(),
        new AsyncMainClientExecInstrumentation(),
        new CallbackFutureInstrumentation("org.apache.hc.core5.concurrent.BasicFuture"));
  }
}
