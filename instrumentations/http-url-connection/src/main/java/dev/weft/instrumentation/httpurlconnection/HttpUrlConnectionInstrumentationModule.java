package dev.weft.instrumentation.httpurlconnection;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/** {@code java.net.HttpURLConnection}: a JDK class, so no class-loader gate and no injected helpers. */
public final class HttpUrlConnectionInstrumentationModule extends InstrumentationModule {
  public HttpUrlConnectionInstrumentationModule() {
    super("http-url-connection");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new HttpUrlConnectionInstrumentation());
  }
}
