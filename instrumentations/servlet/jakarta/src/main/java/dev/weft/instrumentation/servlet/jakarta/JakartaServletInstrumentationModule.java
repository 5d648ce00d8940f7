package dev.weft.instrumentation.servlet.jakarta;

import dev.weft.instrumentation.servlet.AsyncContextInstrumentation;
import dev.weft.instrumentation.servlet.ServletEntryInstrumentation;
import dev.weft.instrumentation.servlet.TomcatEngineInstrumentation;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** {@code jakarta.servlet} 5.0 - 6.1: Tomcat 10 - 11, Jetty 11, Jetty 12 (ee9, ee10, ee11), Undertow 2.3+, ... */
public final class JakartaServletInstrumentationModule extends InstrumentationModule {
  private static final String PACKAGE = "dev.weft.instrumentation.servlet.jakarta.";

  public JakartaServletInstrumentationModule() {
    super("servlet");
  }

  /** {@code HttpServletMapping} gives the route; every jakarta.servlet version has it. */
  @Override
  public List<String> requiredClassNames() {
    return Collections.singletonList("jakarta.servlet.http.HttpServletMapping");
  }

  @Override
  public List<String> helperClassNames() {
    // By name: a class literal would load the helper, and with it the servlet API, in Weft's own
    // class loader, which has no servlet API.
    return Arrays.asList(PACKAGE + "JakartaServletAccessor", PACKAGE + "JakartaAsyncListener", PACKAGE + "JakartaServletHelper");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ServletEntryInstrumentation("jakarta.servlet", PACKAGE + "JakartaServletAdvice"),
        new TomcatEngineInstrumentation("jakarta.servlet", PACKAGE + "JakartaServletAdvice"),
        new AsyncContextInstrumentation("jakarta.servlet"));
  }
}
