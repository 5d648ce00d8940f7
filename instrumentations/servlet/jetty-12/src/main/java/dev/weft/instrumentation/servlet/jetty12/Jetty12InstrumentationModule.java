package dev.weft.instrumentation.servlet.jetty12;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Jetty 12 (any environment: ee8 - ee11 run on the same core server): the span of a response Jetty
 * makes itself. Same switch as the servlet modules, whose span this one completes.
 */
public final class Jetty12InstrumentationModule extends InstrumentationModule {
  private static final String PACKAGE = "dev.weft.instrumentation.servlet.jetty12.";

  public Jetty12InstrumentationModule() {
    super("servlet");
  }

  /** Jetty 12's core API: {@code HttpStream} and its wrapper do not exist in Jetty 9 - 11. */
  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList("org.eclipse.jetty.server.HttpStream$Wrapper", "org.eclipse.jetty.server.Request$Handler");
  }

  @Override
  public List<String> helperClassNames() {
    return Arrays.asList(
        PACKAGE + "Jetty12Accessor", PACKAGE + "Jetty12Completion", PACKAGE + "Jetty12Completion$Stream", PACKAGE + "Jetty12Helper");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new Jetty12ServerInstrumentation());
  }
}
