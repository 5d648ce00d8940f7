package dev.weft.instrumentation.javahttpclient;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code java.net.http.HttpClient} (Java 11+). A JDK module, but not a bootstrap one: the platform class
 * loader defines {@code java.net.http}, and the bootstrap class path cannot see its types. So the
 * helpers, which use them, are injected into the platform loader (and {@code java.net.http} is made
 * to read them); only the library-neutral pieces they call sit on the bootstrap class path.
 */
public final class JavaHttpClientInstrumentationModule extends InstrumentationModule {
  public JavaHttpClientInstrumentationModule() {
    super("java-http-client");
  }

  @Override
  public List<String> helperClassNames() {
    String p = "dev.weft.instrumentation.javahttpclient.";
    return Arrays.asList(
        p + "JavaHttpClientHelper",
        p + "JavaHttpClientHelper$Call",
        p + "JavaHttpClientAttributes",
        p + "NetworkRequest",
        p + "NetworkRequest$HeaderList",
        p + "NetworkRequest$HeaderList$View",
        p + "JavaHttpClientHelper$AfterSpanFuture");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new JavaHttpClientInstrumentation());
  }
}
