package dev.weft.instrumentation.apachehttpclient.v4;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * Apache HttpClient 4.3 to 4.5, classic ({@code HttpClients.createDefault()}/{@code custom()...build()},
 * the exec-chain client 4.3 introduced). Switch {@code apache-httpclient}, shared with 5.x as in the
 * OpenTelemetry agent.
 */
public final class ApacheHttpClient4InstrumentationModule extends InstrumentationModule {
  public ApacheHttpClient4InstrumentationModule() {
    super("apache-httpclient");
  }

  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList(
        "org.apache.http.impl.client.InternalHttpClient", "org.apache.http.impl.execchain.MainClientExec");
  }

  @Override
  public List<String> helperClassNames() {
    String p = "dev.weft.instrumentation.apachehttpclient.v4.";
    return Arrays.asList(
        p + "ApacheHttpClient4Helper",
        p + "ApacheHttpClient4Helper$RequestHeaders",
        p + "ApacheHttpClient4Attributes",
        p + "ApacheRequest");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(new InternalHttpClientInstrumentation(), new MainClientExecInstrumentation());
  }
}
