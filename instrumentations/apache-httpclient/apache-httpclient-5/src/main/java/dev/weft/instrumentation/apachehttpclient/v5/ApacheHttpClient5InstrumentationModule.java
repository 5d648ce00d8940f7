package dev.weft.instrumentation.apachehttpclient.v5;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * Apache HttpClient 5.x, classic API ({@code HttpClients.createDefault()}/{@code custom()...build()}).
 * Switch {@code apache-httpclient}, the OpenTelemetry agent's name for every generation.
 */
public final class ApacheHttpClient5InstrumentationModule extends InstrumentationModule {
  public ApacheHttpClient5InstrumentationModule() {
    super("apache-httpclient");
  }

  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList(
        "org.apache.hc.client5.http.impl.classic.InternalHttpClient",
        "org.apache.hc.client5.http.impl.classic.MainClientExec");
  }

  @Override
  public List<String> helperClassNames() {
    String p = "dev.weft.instrumentation.apachehttpclient.v5.";
    return Arrays.asList(
        p + "ApacheHttpClient5Helper",
        p + "ApacheHttpClient5Helper$RequestHeaders",
        p + "ApacheHttpClient5Attributes",
        p + "ApacheRequest");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(new InternalHttpClientInstrumentation(), new MainClientExecInstrumentation());
  }
}
