package dev.weft.instrumentation.apachehttpasyncclient.v4;

import dev.weft.instrumentation.httpclient.CallbackFutureInstrumentation;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * Apache HttpAsyncClient 4.1.x ({@code org.apache.httpcomponents:httpasyncclient}): one span per
 * attempt, each a child of the context current at {@code execute}; the application's
 * {@code FutureCallback} runs in that context. Switch {@code apache-httpasyncclient}, the OpenTelemetry
 * agent's name. A version without the classes named below (the exchange design of 4.1) is skipped.
 */
public final class ApacheHttpAsyncClient4InstrumentationModule extends InstrumentationModule {
  public ApacheHttpAsyncClient4InstrumentationModule() {
    super("apache-httpasyncclient");
  }

  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList(
        "org.apache.http.impl.nio.client.MainClientExec",
        "org.apache.http.impl.nio.client.DefaultClientExchangeHandlerImpl",
        "org.apache.http.client.methods.HttpRequestWrapper",
        "org.apache.http.concurrent.BasicFuture");
  }

  @Override
  public List<String> helperClassNames() {
    return Arrays.asList(
        "dev.weft.instrumentation.apachehttpclient.v4.ApacheHttpClient4Attributes",
        "dev.weft.instrumentation.apachehttpclient.v4.ApacheRequest",
        "dev.weft.instrumentation.apachehttpclient.v4.ApacheHttpClient4Helper$RequestHeaders",
        "dev.weft.instrumentation.apachehttpasyncclient.v4.ApacheHttpAsyncClient4Helper");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new MainClientExecInstrumentation(),
        new ExchangeHandlerInstrumentation(),
        new CallbackFutureInstrumentation("org.apache.http.concurrent.BasicFuture"));
  }
}
