package dev.weft.agent.internal;

import dev.weft.bootstrap.AgentLog;
import dev.weft.bootstrap.WeakKeyMap;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * "Does this class loader have the library?" asked once per loader and module, by resource look-up
 * (no class is loaded). Runs before any type matcher of the module, so hierarchy matchers never run on
 * loaders without the library.
 */
final class ClassLoaderGate implements ElementMatcher<ClassLoader> {
  private static final Object BOOTSTRAP = new Object();

  private final String moduleName;
  private final List<String> requiredClassNames;
  private final WeakKeyMap<Object, Boolean> answers = new WeakKeyMap<>();

  ClassLoaderGate(String moduleName, List<String> requiredClassNames) {
    this.moduleName = moduleName;
    this.requiredClassNames = requiredClassNames;
  }

  @Override
  public boolean matches(ClassLoader loader) {
    if (requiredClassNames.isEmpty()) {
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
          loader == null
              ? Object.class.getResource("/" + resource) != null
              : loader.getResource(resource) != null;
      if (!present) {
        AgentLog.debug("instrumentation " + moduleName + " skipped for " + loader + ": " + name + " is missing");
        return false;
      }
    }
    return true;
  }
}
