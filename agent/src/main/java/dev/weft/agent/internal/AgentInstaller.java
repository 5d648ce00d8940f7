package dev.weft.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.weft.bootstrap.AgentLog;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.HelperInjector;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.SuperTypes;
import dev.weft.tooling.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Sets up ByteBuddy's {@link AgentBuilder} for start-up speed and safety, then registers every enabled
 * module's type instrumentations. Each setting is here for a reason:
 *
 * <ul>
 *   <li>ignore by name first: the cheapest check, and most classes never get further;
 *   <li>lazy type descriptions from a cached pool: name matchers run without parsing the class file,
 *       and no class is loaded to be matched;
 *   <li>DECORATE and no class format changes: no fields or methods added, so retransformation works and
 *       other agents on the same classes are not broken;
 *   <li>retransformation: JDK classes such as HttpURLConnection may be loaded before {@code premain};
 *   <li>a recorder ahead of ByteBuddy's transformer, so that the "has this super type" matchers read
 *       class-file headers of the class being loaded ({@link SuperTypes}) instead of parsing it.
 * </ul>
 */
final class AgentInstaller {
  private AgentInstaller() {}

  static void install(Instrumentation inst, List<InstrumentationModule> modules) {
    ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
    // Weft never changes class formats, so ByteBuddy's "nexus" (self-initialisation of generated
    // types) is unused; left on, creating it reaches for sun.misc.Unsafe, which JDK 24+ warns about
    // on stderr. The property name is relocated together with ByteBuddy, so it concerns only Weft's copy.
    System.setProperty(net.bytebuddy.dynamic.Nexus.PROPERTY, "true");
    // One type pool cache per class loader, shared by matching, weaving and the reference checks.
    CachingPoolStrategy pools = new CachingPoolStrategy();
    AgentBuilder builder =
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
            .disableClassFormatChanges()
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
            .with(pools)
            .with(new TransformLogger())
            .with(new AgentBuilder.Listener.Adapter() {
              @Override
              public void onComplete(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
                SuperTypes.loadingDone();
              }
            })
            // Woven JDK classes live in named modules; they must be able to read Weft's bootstrap part.
            .assureReadEdgeTo(inst, JavaModule.ofType(AgentLog.class))
            .ignore(ignoredTypes());

    for (InstrumentationModule module : modules) {
      List<AdviceCollector> types = new ArrayList<>();
      List<String> weftClasses = new ArrayList<>(module.helperClassNames());
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        AdviceCollector collector = new AdviceCollector(type, agentLoader);
        type.transform(collector);
        types.add(collector);
        weftClasses.addAll(collector.adviceClassNames);
      }
      ElementMatcher<ClassLoader> fits =
          new ClassLoaderGate(module.name(), module.requiredClassNames(), weftClasses, agentLoader, pools);
      HelperInjector injector =
          new HelperInjector(module.name(), module.helperClassNames(), agentLoader, inst);
      for (AdviceCollector type : types) {
        builder = builder.type(type.type.typeMatcher(), fits).transform(injector).transform(type.advice);
        if (!type.visitors.isEmpty()) {
          builder = ((AgentBuilder.Identified.Extendable) builder).transform(type.visitorsTransformer());
        }
      }
    }
    // Not retransformation-capable: the JVM runs such transformers before all others, so the
    // header-reading matchers see the bytes of the class being loaded (at retransformation they
    // fall back to ByteBuddy's descriptions).
    inst.addTransformer(SuperTypes.recorder(), false);
    builder.installOn(inst);
  }

  /**
   * Types never worth matching: Weft itself and everything it bundles, ByteBuddy's and the JVM's
   * generated classes, and JDK internals that must never be touched (reflection, method handles).
   */
  static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
    // Weft's own packages, not all of dev.weft: the demo and smoke-test applications (dev.weft.demo,
    // dev.weft.smoke) are applications like any other, with @WithSpan methods of their own.
    return nameStartsWith("dev.weft.agent.")
        .or(nameStartsWith("dev.weft.bootstrap."))
        .or(nameStartsWith("dev.weft.tooling."))
        .or(nameStartsWith("dev.weft.instrumentation."))
        .or(nameStartsWith("dev.weft.exporter."))
        .or(nameStartsWith("dev.weft.shaded."))
        .or(nameStartsWith("net.bytebuddy."))
        // java.net.http's implementation (jdk.internal.net.http) is instrumented; no other JDK internal.
        .or(nameStartsWith("jdk.internal.").and(not(nameStartsWith("jdk.internal.net.http."))))
        .or(nameStartsWith("sun.reflect."))
        .or(nameStartsWith("java.lang.invoke."))
        .or(nameStartsWith("java.lang.ref."))
        .or(nameStartsWith("com.sun.proxy."))
        .or(nameStartsWith("jdk.proxy"))
        .or(nameContains("$$Lambda"))
        .or(nameContains("$ByteBuddy"))
        .or(nameContains("$$EnhancerBy"))
        .or(nameContains("$$FastClassBy"))
        .or(nameStartsWith("org.slf4j.").or(nameStartsWith("ch.qos.logback.")))
        .or(nameStartsWith("org.apache.logging.log4j."))
        .or(nameStartsWith("com.fasterxml.jackson."));
  }

  /** Collects one type instrumentation's advice registrations into one ByteBuddy transformer. */
  private static final class AdviceCollector implements AdviceTarget {
    final TypeInstrumentation type;
    final List<String> adviceClassNames = new ArrayList<>();
    final List<AsmVisitorWrapper> visitors = new ArrayList<>();
    AgentBuilder.Transformer.ForAdvice advice;

    AdviceCollector(TypeInstrumentation type, ClassLoader agentLoader) {
      this.type = type;
      this.advice = new AgentBuilder.Transformer.ForAdvice(type.adviceMapping()).include(agentLoader);
    }

    @Override
    public void apply(ElementMatcher<? super MethodDescription> methods, String adviceClassName) {
      advice = advice.advice(methods, adviceClassName);
      adviceClassNames.add(adviceClassName);
    }

    @Override
    public void visit(AsmVisitorWrapper wrapper) {
      visitors.add(wrapper);
    }

    AgentBuilder.Transformer visitorsTransformer() {
      return (builder, typeDescription, classLoader, module, protectionDomain) -> {
        DynamicType.Builder<?> b = builder;
        for (AsmVisitorWrapper wrapper : visitors) {
          b = b.visit(wrapper);
        }
        return b;
      };
    }
  }
}
