package dev.weft.instrumentation.methods;

import dev.weft.bootstrap.WeftConfig;
import dev.weft.tooling.ClassMethodList;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code OTEL_INSTRUMENTATION_METHODS_INCLUDE}: one INTERNAL span per call of each configured method.
 * Malformed entries were reported once at start-up by the configuration check; here they are just
 * skipped. Helpers live on the bootstrap class path (they reference no application type), so any
 * class loader, the JDK's included, can be woven.
 */
public final class MethodsInstrumentationModule extends InstrumentationModule {
  static final String INCLUDE_KEY = "otel.instrumentation.methods.include";

  public MethodsInstrumentationModule() {
    super("methods");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    Map<String, Set<String>> include =
        ClassMethodList.parse(WeftConfig.get().getString(INCLUDE_KEY), new ArrayList<String>());
    List<TypeInstrumentation> types = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : include.entrySet()) {
      types.add(new MethodsInstrumentation(e.getKey(), e.getValue()));
    }
    return types;
  }
}
