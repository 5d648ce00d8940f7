package dev.weft.tooling;

import java.util.Collections;
import java.util.List;

/**
 * One library family Weft instruments, found by the agent through {@link java.util.ServiceLoader}.
 *
 * <p>A module names itself (for {@code OTEL_INSTRUMENTATION_<NAME>_ENABLED}), says which classes a class
 * loader must have before any of its type matchers run there (a cheap gate that keeps hierarchy matching
 * off loaders without the library), lists its type instrumentations, and names the helper classes that
 * advice calls and that must be injected into the library's class loader.
 */
public abstract class InstrumentationModule {
  private final String name;
  private final List<String> aliases;

  protected InstrumentationModule(String name, String... aliases) {
    this.name = name;
    this.aliases = Collections.unmodifiableList(java.util.Arrays.asList(aliases));
  }

  /** The name in {@code otel.instrumentation.<name>.enabled}, e.g. {@code http-url-connection}. */
  public final String name() {
    return name;
  }

  /** Other names the same switch answers to (the OpenTelemetry agent's names, where they differ). */
  public final List<String> aliases() {
    return aliases;
  }

  /** Whether the module is on when neither its own switch nor the common default says otherwise. */
  public boolean defaultEnabled() {
    return true;
  }

  /**
   * Classes a class loader must be able to load (by name, without loading them) before the module's
   * type matchers run against its classes. Empty for JDK instrumentation.
   */
  public List<String> requiredClassNames() {
    return Collections.emptyList();
  }

  /**
   * Classes the advice calls that reference library types, injected into the library's class loader on
   * first match. Helpers for JDK classes live on the bootstrap class path instead and are not listed.
   */
  public List<String> helperClassNames() {
    return Collections.emptyList();
  }

  public abstract List<TypeInstrumentation> typeInstrumentations();
}
