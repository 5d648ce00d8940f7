package dev.weft.instrumentation.servlet.jetty9;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Jetty 9.4 - 11 (tested: 9.4 and 11, javax and jakarta): the span of a response Jetty makes itself.
 * Same switch as the servlet modules, whose span this one completes.
 */
public final class Jetty9InstrumentationModule extends InstrumentationModule {
  private static final String PACKAGE = "dev.weft.instrumentation.servlet.jetty9.";

  public Jetty9InstrumentationModule() {
    super("servlet");
  }

  /** The channel state class moved to an internal package in Jetty 12, whose core API is another module's. */
  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList("org.eclipse.jetty.server.HttpChannelState", "org.eclipse.jetty.server.HttpChannel");
  }

  @Override
  public List<String> helperClassNames() {
    return Arrays.asList(PACKAGE + "Jetty9Accessor", PACKAGE + "Jetty9Helper");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new Jetty9ChannelInstrumentation());
  }
}
