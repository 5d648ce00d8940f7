package dev.weft.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.AbstractList;
import java.util.Collections;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SuperTypesTest {
  private final ClassLoader loader = getClass().getClassLoader();
  private final TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));

  @AfterEach
  void forget() {
    SuperTypes.loadingDone();
    SuperTypes.clearCaches();
  }

  /** As the agent asks: while the class is being loaded, with its bytes recorded. */
  private boolean whileLoading(ElementMatcher<TypeDescription> matcher, Class<?> type) throws Exception {
    byte[] bytes = ClassFileLocator.ForClassLoader.of(loader).locate(type.getName()).resolve();
    SuperTypes.recorder().transform(loader, type.getName().replace('.', '/'), null, null, bytes);
    try {
      return matcher.matches(pool.describe(type.getName()).resolve());
    } finally {
      SuperTypes.loadingDone();
    }
  }

  /** As at retransformation: no recorded bytes, ByteBuddy's description only. */
  private boolean fromDescription(ElementMatcher<TypeDescription> matcher, Class<?> type) {
    return matcher.matches(pool.describe(type.getName()).resolve());
  }

  private static ElementMatcher<TypeDescription> jdbc(Class<?> iface) {
    return SuperTypes.classWithSuperType(Collections.singleton(iface.getName()), "java.sql.", "javax.sql.");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void findsTheTargetThroughClassesAndInterfacesOfAnyLibrary(boolean loading) throws Exception {
    assertThat(match(loading, jdbc(Connection.class), DriverConnection.class)).isTrue();
    assertThat(match(loading, jdbc(Connection.class), PooledConnection.class)).isTrue();
    assertThat(match(loading, jdbc(Statement.class), DriverPreparedStatement.class)).isTrue();
    assertThat(match(loading, jdbc(PreparedStatement.class), DriverPreparedStatement.class)).isTrue();
    assertThat(match(loading, classWithSuperType(BaseHandler.class), ConcreteHandler.class)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void interfacesAndUnrelatedClassesDoNotMatch(boolean loading) throws Exception {
    assertThat(match(loading, jdbc(Connection.class), DriverConnectionApi.class)).isFalse();
    assertThat(match(loading, jdbc(Connection.class), Unrelated.class)).isFalse();
    assertThat(match(loading, jdbc(Statement.class), DriverConnection.class)).isFalse();
    assertThat(match(loading, jdbc(Connection.class), SuperTypesTest.class)).isFalse();
  }

  @Test
  void bytesRecordedForAnotherClassAreNotUsed() throws Exception {
    byte[] unrelated = ClassFileLocator.ForClassLoader.of(loader).locate(Unrelated.class.getName()).resolve();
    SuperTypes.recorder().transform(loader, Unrelated.class.getName().replace('.', '/'), null, null, unrelated);
    assertThat(fromDescription(jdbc(Connection.class), PooledConnection.class)).isTrue();
  }

  @Test
  void malformedBytesOfTheClassBeingLoadedMatchNothingAndThrowNothing() throws Exception {
    SuperTypes.recorder().transform(loader, PooledConnection.class.getName().replace('.', '/'), null, null, new byte[] {1, 2, 3});
    assertThat(fromDescription(jdbc(Connection.class), PooledConnection.class)).isFalse();
  }

  @Test
  void aMissingSuperTypeEndsItsBranchQuietly() {
    // A class file naming a super class that no loader has (an optional dependency left out).
    byte[] bytes = new net.bytebuddy.ByteBuddy()
        .subclass(Object.class)
        .name("dev.weft.tooling.Orphan")
        .make()
        .getBytes();
    SuperTypes.Header header = SuperTypes.Header.parse(bytes);
    SuperTypes.Header orphan = new SuperTypes.Header(header.access, "com.example.Missing", new String[] {"com.example.AlsoMissing"});
    SuperTypes.ClassWithSuperType matcher = (SuperTypes.ClassWithSuperType) jdbc(Connection.class);
    assertThat(matcher.matches(orphan, loader)).isFalse();
  }

  @Test
  @Timeout(10)
  void classFilesThatNameEachOtherAsSuperClassesEndTheWalk() {
    // Not loadable, but on a class path they can be, and the matcher runs before the JVM objects.
    ClassLoader cyclic = new ClassLoader(null) {
      @Override
      public java.io.InputStream getResourceAsStream(String name) {
        if (name.equals("cyc/A.class")) {
          return new java.io.ByteArrayInputStream(classFile("cyc/A", "cyc/B"));
        }
        if (name.equals("cyc/B.class")) {
          return new java.io.ByteArrayInputStream(classFile("cyc/B", "cyc/A"));
        }
        return null;
      }
    };
    SuperTypes.ClassWithSuperType matcher = (SuperTypes.ClassWithSuperType) jdbc(Connection.class);
    assertThat(matcher.matches(SuperTypes.Header.parse(classFile("cyc/C", "cyc/A")), cyclic)).isFalse();
  }

  private static byte[] classFile(String name, String superName) {
    net.bytebuddy.jar.asm.ClassWriter writer = new net.bytebuddy.jar.asm.ClassWriter(0);
    writer.visit(net.bytebuddy.jar.asm.Opcodes.V1_8, net.bytebuddy.jar.asm.Opcodes.ACC_PUBLIC, name, null, superName, null);
    writer.visitEnd();
    return writer.toByteArray();
  }

  @Test
  void jdkTypesOutsideTheWalkablePackagesAreNotLookedInto() {
    String[] sql = {"java.sql.", "javax.sql."};
    assertThat(SuperTypes.isClosedJdkType("java.io.Serializable", sql)).isTrue();
    assertThat(SuperTypes.isClosedJdkType("java.lang.Object", sql)).isTrue();
    assertThat(SuperTypes.isClosedJdkType("javax.naming.Referenceable", sql)).isTrue();
    assertThat(SuperTypes.isClosedJdkType("jdk.internal.misc.Unsafe", sql)).isTrue();
    assertThat(SuperTypes.isClosedJdkType("sun.misc.Unsafe", sql)).isTrue();
    assertThat(SuperTypes.isClosedJdkType("java.sql.Wrapper", sql)).isFalse();
    assertThat(SuperTypes.isClosedJdkType("javax.sql.PooledConnection", sql)).isFalse();
    assertThat(SuperTypes.isClosedJdkType("org.h2.jdbc.JdbcConnection", sql)).isFalse();
    assertThat(SuperTypes.isClosedJdkType("javax.servlet.GenericServlet", new String[] {"javax.servlet."})).isFalse();
    assertThat(SuperTypes.isClosedJdkType("jakarta.servlet.GenericServlet", new String[] {"javax.servlet."})).isFalse();
  }

  private boolean match(boolean loading, ElementMatcher<TypeDescription> matcher, Class<?> type) throws Exception {
    return loading ? whileLoading(matcher, type) : fromDescription(matcher, type);
  }

  private static ElementMatcher<TypeDescription> classWithSuperType(Class<?> target) {
    return SuperTypes.classWithSuperType(Collections.singleton(target.getName()));
  }

  // A driver's connection behind its own interface, a pool's subclass of it, a statement hierarchy.
  interface DriverConnectionApi extends Connection, Serializable {}

  abstract static class DriverConnection implements DriverConnectionApi {}

  abstract static class PooledConnection extends DriverConnection {}

  abstract static class DriverStatement implements Statement {}

  abstract static class DriverPreparedStatement extends DriverStatement implements PreparedStatement {}

  abstract static class Unrelated extends AbstractList<String> implements Serializable, InvocationHandler {}

  // A target that is a class, two levels up.
  abstract static class BaseHandler {}

  abstract static class MiddleHandler extends BaseHandler {}

  static final class ConcreteHandler extends MiddleHandler {}
}
