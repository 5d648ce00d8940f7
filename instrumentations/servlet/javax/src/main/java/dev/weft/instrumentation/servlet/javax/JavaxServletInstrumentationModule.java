package dev.weft.instrumentation.servlet.javax;

import dev.weft.instrumentation.servlet.AsyncContextInstrumentation;
import dev.weft.instrumentation.servlet.ServletEntryInstrumentation;
import dev.weft.instrumentation.servlet.TomcatEngineInstrumentation;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** {@code javax.servlet} 3.0 - 4.0: Tomcat 7 - 9, Jetty 8 - 10, Undertow 1.x/2.0 - 2.2, ... */
public final class JavaxServletInstrumentationModule extends InstrumentationModule {
  private static final String PACKAGE = "dev.weft.instrumentation.servlet.javax.";

  public JavaxServletInstrumentationModule() {
    super("servlet");
  }

  /** {@code AsyncContext} came with 3.0: older containers are left alone. */
  @Override
  public List<String> requiredClassNames() {
    return Collections.singletonList("javax.servlet.AsyncContext");
  }

  @Override
  public List<String> helperClassNames() {
    // By name: a class literal would load the helper, and with it the servlet API, in Weft's own
    // class loader, which has no servlet API.
    return Arrays.asList(PACKAGE + "JavaxServletAccessor", PACKAGE + "JavaxAsyncListener", PACKAGE + "JavaxServletHelper");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ServletEntryInstrumentation("javax.servlet", PACKAGE + "JavaxServletAdvice"),
        new TomcatEngineInstrumentation("javax.servlet", PACKAGE + "JavaxServletAdvice"),
        new AsyncContextInstrumentation("javax.servlet"));
  }
}
