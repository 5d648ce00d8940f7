package dev.weft.instrumentation.servlet.undertow;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Undertow (tested: 2.3): the span of a response Undertow makes itself. Same switch as the servlet
 * modules, whose span this one completes.
 */
public final class UndertowInstrumentationModule extends InstrumentationModule {
  private static final String PACKAGE = "dev.weft.instrumentation.servlet.undertow.";

  public UndertowInstrumentationModule() {
    super("servlet");
  }

  @Override
  public List<String> requiredClassNames() {
    return Arrays.asList("io.undertow.server.Connectors", "io.undertow.server.ExchangeCompletionListener");
  }

  @Override
  public List<String> helperClassNames() {
    return Arrays.asList(PACKAGE + "UndertowAccessor", PACKAGE + "UndertowCompletion", PACKAGE + "UndertowHelper");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new UndertowRootHandlerInstrumentation());
  }
}
