package dev.weft.agent.internal;

import dev.weft.bootstrap.AgentLog;
import dev.weft.bootstrap.WeakKeyMap;
import dev.weft.tooling.ReferenceCheck;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * "Does this module fit this class loader?", asked once per loader and module, before any of the
 * module's type matchers runs there: first whether the library's marker classes are present (a
 * resource look-up, no class loaded), then whether every library class, method and field that the
 * module's advice and helpers use exists with the same signature. A loader that fails either gets no
 * transformation from the module, so a library version that does not fit is skipped instead of
 * failing inside the application.
 *
 * <p>JDK instrumentations (no marker classes, no helpers) skip both checks: the JDK always fits.
 */
final class ClassLoaderGate implements ElementMatcher<ClassLoader> {
  private static final Object BOOTSTRAP = new Object();

  private final String moduleName;
  private final List<String> requiredClassNames;
  private final List<String> weftClassNames;
  private final ClassLoader agentLoader;
  private final AgentBuilder.PoolStrategy pools;
  private final boolean alwaysFits;
  private final WeakKeyMap<Object, Boolean> answers = new WeakKeyMap<>();
  private volatile ReferenceCheck references;

  ClassLoaderGate(
      String moduleName,
      List<String> requiredClassNames,
      List<String> weftClassNames,
      ClassLoader agentLoader,
      AgentBuilder.PoolStrategy pools) {
    this.moduleName = moduleName;
    this.requiredClassNames = requiredClassNames;
    this.weftClassNames = weftClassNames;
    this.agentLoader = agentLoader;
    this.pools = pools;
    this.alwaysFits = requiredClassNames.isEmpty();
  }

  @Override
  public boolean matches(ClassLoader loader) {
    if (alwaysFits) {
      return true;
    }
    Object key = loader == null ? BOOTSTRAP : loader;
    Boolean answer = answers.get(key);
    if (answer == null) {
      answer = compute(loader);
      answers.put(key, answer);
    }
    return answer;
  }

  private boolean compute(ClassLoader loader) {
    for (String name : requiredClassNames) {
      String resource = name.replace('.', '/') + ".class";
      boolean present =
          loader == null ? Object.class.getResource("/" + resource) != null : loader.getResource(resource) != null;
      if (!present) {
        return false; // the library is not there: the usual case, not worth a log line
      }
    }
    try {
      String missing = references().firstMissing(pools.typePool(ClassFileLocator.ForClassLoader.of(loader), loader));
      if (missing != null) {
        AgentLog.debug("instrumentation " + moduleName + " skipped in " + loader + ": the library version does not fit (" + missing + ")");
        return false;
      }
      return true;
    } catch (Throwable t) {
      AgentLog.debug("instrumentation " + moduleName + " skipped in " + loader + ": reference check failed", t);
      return false;
    }
  }

  private ReferenceCheck references() {
    ReferenceCheck r = references;
    if (r == null) {
      r = ReferenceCheck.of(weftClassNames, ClassFileLocator.ForClassLoader.of(agentLoader));
      references = r;
    }
    return r;
  }
}
