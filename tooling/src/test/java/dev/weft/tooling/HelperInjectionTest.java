package dev.weft.tooling;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.tooling.testhelper.GreetAdvice;
import dev.weft.tooling.testhelper.GreeterHelper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two halves of "a library version that does not fit is skipped": helpers are injected into the
 * library's own class loader (the library is loaded where the test's class path cannot see it), and
 * the reference check tells a fitting library version from one that lacks a method the helper calls.
 */
class HelperInjectionTest {
  private static final String GREETER = "com.example.greeter.Greeter";
  private static final List<String> HELPERS = List.of(GreeterHelper.class.getName());

  private static Instrumentation inst;
  private static ResettableClassFileTransformer transformer;

  @BeforeAll
  static void installAgent() {
    inst = ByteBuddyAgent.install();
    ClassLoader weft = HelperInjectionTest.class.getClassLoader();
    transformer =
        new AgentBuilder.Default()
            .disableClassFormatChanges()
            .type(named(GREETER), loader -> loader instanceof LibraryLoader)
            .transform(new HelperInjector("greeter", HELPERS, weft, inst))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(weft).advice(named("greet"), GreetAdvice.class.getName()))
            .installOn(inst);
  }

  @AfterAll
  static void reset() {
    transformer.reset(inst, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
  }

  @Test
  void helperIsInjectedIntoTheLibraryLoaderAndAdviceCallsIt() throws Exception {
    LibraryLoader library = new LibraryLoader(Map.of(GREETER, classBytes(GREETER)));
    Class<?> greeter = Class.forName(GREETER, true, library);
    Object result = greeter.getMethod("greet", String.class).invoke(greeter.getConstructor().newInstance(), "weft");

    assertThat(result).isEqualTo("hello weft [woven, en, helper in LibraryLoader]");
    assertThat(Class.forName(GreeterHelper.class.getName(), false, library).getClassLoader()).isSameAs(library);
  }

  @Test
  void injectionHappensOncePerLoader() throws Exception {
    LibraryLoader library = new LibraryLoader(Map.of(GREETER, classBytes(GREETER)));
    HelperInjector injector = new HelperInjector("greeter", HELPERS, HelperInjectionTest.class.getClassLoader(), inst);
    injector.inject(library);
    injector.inject(library); // the second call finds the helper defined and defines nothing
    assertThat(Class.forName(GreeterHelper.class.getName(), false, library).getClassLoader()).isSameAs(library);
  }

  @Test
  void referenceCheckAcceptsTheFittingLibrary() throws Exception {
    ReferenceCheck check = check();
    assertThat(check.firstMissing(new LibraryLoader(Map.of(GREETER, classBytes(GREETER))))).isNull();
  }

  @Test
  void referenceCheckNamesTheMissingMethodOfAnotherLibraryVersion() throws Exception {
    byte[] olderGreeter =
        new ByteBuddy()
            .subclass(Object.class)
            .name(GREETER)
            .defineMethod("greet", String.class, Visibility.PUBLIC)
            .withParameters(String.class)
            .intercept(FixedValue.value("hi"))
            .make()
            .getBytes();
    assertThat(check().firstMissing(new LibraryLoader(Map.of(GREETER, olderGreeter))))
        .isEqualTo("method " + GREETER + ".language()Ljava/lang/String; is missing");
  }

  @Test
  void referenceCheckNamesAMissingClass() {
    assertThat(check().firstMissing(new LibraryLoader(Map.of())))
        .isEqualTo("class " + GREETER + " is missing");
  }

  private static ReferenceCheck check() {
    return ReferenceCheck.of(
        List.of(GreeterHelper.class.getName(), GreetAdvice.class.getName()),
        ClassFileLocator.ForClassLoader.of(HelperInjectionTest.class.getClassLoader()));
  }

  private static byte[] classBytes(String name) throws IOException {
    try (InputStream in = HelperInjectionTest.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** A library's own class loader: defines the library from bytes; sees nothing of the test's classes. */
  static final class LibraryLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    LibraryLoader(Map<String, byte[]> classes) {
      super(ClassLoader.getPlatformClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public java.net.URL getResource(String name) {
      String className = name.endsWith(".class") ? name.substring(0, name.length() - 6).replace('/', '.') : null;
      if (className != null && classes.containsKey(className)) {
        try {
          return new java.net.URL(null, "bytes:" + name, new java.net.URLStreamHandler() {
            @Override
            protected java.net.URLConnection openConnection(java.net.URL u) {
              return new java.net.URLConnection(u) {
                @Override
                public void connect() {}

                @Override
                public InputStream getInputStream() {
                  return new java.io.ByteArrayInputStream(classes.get(className));
                }
              };
            }
          });
        } catch (java.net.MalformedURLException e) {
          throw new IllegalStateException(e);
        }
      }
      return super.getResource(name);
    }
  }
}
