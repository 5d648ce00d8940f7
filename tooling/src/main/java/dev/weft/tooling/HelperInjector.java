package dev.weft.tooling;

import dev.weft.bootstrap.AgentLog;
import dev.weft.bootstrap.WeakKeyMap;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Defines a module's helper classes in the class loader of the library it instruments, the first time
 * a type of that loader is transformed. Advice is inlined into library classes and may only call what
 * that loader can see: the bootstrap part of Weft, the library, and these helpers.
 *
 * <p>Classes are defined through {@code ClassLoader.defineClass}, made accessible once by opening
 * {@code java.lang} to Weft's own module through {@link Instrumentation} (Java 9+). No
 * {@code sun.misc.Unsafe}: JDK 24+ warns on stderr about it.
 */
public final class HelperInjector implements AgentBuilder.Transformer {
  private static volatile Method defineClass;

  private final String moduleName;
  private final List<String> helperClassNames;
  private final ClassFileLocator helperSource;
  private final Instrumentation instrumentation;
  private final WeakKeyMap<ClassLoader, Boolean> injected = new WeakKeyMap<>();

  public HelperInjector(
      String moduleName, List<String> helperClassNames, ClassLoader helperSource, Instrumentation instrumentation) {
    this.moduleName = moduleName;
    this.helperClassNames = helperClassNames;
    this.helperSource = ClassFileLocator.ForClassLoader.of(helperSource);
    this.instrumentation = instrumentation;
  }

  @Override
  public DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      ProtectionDomain protectionDomain) {
    if (loader == null || helperClassNames.isEmpty()) {
      return builder;
    }
    if (injected.get(loader) == null) {
      synchronized (this) {
        if (injected.get(loader) == null) {
          inject(loader);
          injected.put(loader, Boolean.TRUE);
        }
      }
    }
    if (module != null && module.isNamed()) {
      letModuleReadHelpers(module, loader);
    }
    return builder;
  }

  /** Defines every helper not yet visible in the loader; supertypes may be listed in any order. */
  void inject(ClassLoader loader) {
    Map<String, byte[]> pending = new LinkedHashMap<>();
    for (String name : helperClassNames) {
      if (!isDefined(loader, name)) {
        try {
          pending.put(name, helperSource.locate(name).resolve());
        } catch (Exception e) {
          throw new IllegalStateException("helper class " + name + " of " + moduleName + " not found", e);
        }
      }
    }
    Method define = defineClassMethod();
    while (!pending.isEmpty()) {
      List<String> done = new ArrayList<>();
      Throwable lastFailure = null;
      for (Map.Entry<String, byte[]> e : pending.entrySet()) {
        try {
          byte[] bytes = e.getValue();
          define.invoke(loader, e.getKey(), bytes, 0, bytes.length, null);
          done.add(e.getKey());
        } catch (java.lang.reflect.InvocationTargetException ite) {
          if (ite.getCause() instanceof LinkageError && isDefined(loader, e.getKey())) {
            done.add(e.getKey()); // defined concurrently by a parallel-capable loader: fine
          } else {
            lastFailure = ite.getCause(); // e.g. its helper supertype is not defined yet: next pass
          }
        } catch (Exception other) {
          lastFailure = other;
        }
      }
      if (done.isEmpty()) {
        throw new IllegalStateException("cannot inject helpers " + pending.keySet() + " of " + moduleName, lastFailure);
      }
      for (String name : done) {
        pending.remove(name);
      }
    }
    AgentLog.debug("injected " + helperClassNames.size() + " helper class(es) of " + moduleName + " into " + loader);
  }

  /**
   * A named module (a JDK module such as {@code java.net.http}, whose classes the platform loader
   * defines) reads no unnamed module by default, so woven code there could not call the helpers just
   * defined in its loader's unnamed module. Adds that one read edge (Java 9+).
   */
  private void letModuleReadHelpers(JavaModule module, ClassLoader loader) {
    try {
      JavaModule helpers = JavaModule.ofType(Class.forName(helperClassNames.get(0), false, loader));
      if (module.canRead(helpers)) {
        return;
      }
      Class<?> moduleType = Class.forName("java.lang.Module");
      Method redefineModule =
          Instrumentation.class.getMethod(
              "redefineModule", moduleType, Set.class, Map.class, Map.class, Set.class, Map.class);
      redefineModule.invoke(
          instrumentation,
          module.unwrap(),
          Collections.singleton(helpers.unwrap()),
          Collections.emptyMap(),
          Collections.emptyMap(),
          Collections.emptySet(),
          Collections.emptyMap());
    } catch (Exception e) {
      throw new IllegalStateException("cannot let " + module + " read the helpers of " + moduleName, e);
    }
  }

  /** Helpers exist nowhere but in Weft's hidden entries, so a loadable one was injected already. */
  private static boolean isDefined(ClassLoader loader, String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (Throwable t) {
      return false;
    }
  }

  private Method defineClassMethod() {
    Method m = defineClass;
    if (m != null) {
      return m;
    }
    try {
      openJavaLangToWeft(instrumentation);
      m = ClassLoader.class.getDeclaredMethod(
          "defineClass", String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
      m.setAccessible(true);
      defineClass = m;
      return m;
    } catch (Exception e) {
      throw new IllegalStateException("cannot define helper classes on this JVM", e);
    }
  }

  /** Java 9+: {@code ClassLoader.defineClass} is reachable by reflection only once java.lang is open. */
  private static void openJavaLangToWeft(Instrumentation inst) throws Exception {
    Method getModule;
    try {
      getModule = Class.class.getMethod("getModule");
    } catch (NoSuchMethodException java8) {
      return;
    }
    Object javaBase = getModule.invoke(ClassLoader.class);
    Object weft = getModule.invoke(HelperInjector.class);
    Class<?> moduleType = Class.forName("java.lang.Module");
    Method redefineModule =
        Instrumentation.class.getMethod(
            "redefineModule", moduleType, Set.class, Map.class, Map.class, Set.class, Map.class);
    redefineModule.invoke(
        inst,
        javaBase,
        Collections.emptySet(),
        Collections.emptyMap(),
        Collections.singletonMap("java.lang", Collections.singleton(weft)),
        Collections.emptySet(),
        Collections.emptyMap());
  }
}
