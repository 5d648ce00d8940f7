package dev.weft.instrumentation.okhttp;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * OkHttp 3.0 and later (3.x, 4.x, 5.x: the Java API the helpers use is the same in all of them, only
 * the internal call class moved, which the matchers name both ways). Weft's own exporter uses a copy
 * of OkHttp relocated under {@code dev.weft.shaded.okhttp3}: a different class name in Weft's own class
 * loader, never matched (and ignored by name besides), so export traffic is never traced.
 */
public final class OkHttpInstrumentationModule extends InstrumentationModule {
  public OkHttpInstrumentationModule() {
    super("okhttp");
  }

  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList("okhttp3.OkHttpClient", "okhttp3.Interceptor", "okhttp3.Callback");
  }

  @Override
  public List<String> helperClassNames() {
    String p = "dev.weft.instrumentation.okhttp.";
    return Arrays.asList(
        p + "OkHttpHelper",
        p + "OkHttpAttributes",
        p + "CallInterceptor",
        p + "NetworkInterceptor",
        p + "NetworkInterceptor$RequestHeaders",
        p + "NetworkInterceptor$RequestHeaders$View");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new OkHttpClientInstrumentation(), new RealCallInstrumentation(), new TaskRunnerInstrumentation());
  }
}
