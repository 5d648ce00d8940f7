package dev.weft.instrumentation.servlet.javax;

import dev.weft.instrumentation.servlet.AsyncContextInstrumentation;
import dev.weft.instrumentation.servlet.ServletEntryInstrumentation;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** {@code javax.servlet} 3.0 - 4.0: Tomcat 7 - 9, Jetty 8 - 10, Undertow 1.x/2.0 - 2.2, ... */
public final class JavaxServletInstrumentationModule extends InstrumentationModule {
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
    return Arrays.asList(
        JavaxServletAccessor.class.getName(),
        JavaxAsyncListener.class.getName(),
        JavaxServletHelper.class.getName());
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new ServletEntryInstrumentation("javax.servlet", JavaxServletAdvice.class.getName()),
        new AsyncContextInstrumentation("javax.servlet"));
  }
}
