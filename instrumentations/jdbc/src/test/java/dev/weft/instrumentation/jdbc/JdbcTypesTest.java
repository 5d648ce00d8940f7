package dev.weft.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.AbstractList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class JdbcTypesTest {
  private final TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));

  private boolean implementing(String iface, Class<?> type) {
    ElementMatcher<TypeDescription> matcher = JdbcTypes.implementing(iface);
    return matcher.matches(pool.describe(type.getName()).resolve());
  }

  @Test
  void findsTheInterfaceThroughClassesAndInterfacesOfAnyLibrary() {
    assertThat(implementing(Connection.class.getName(), DriverConnection.class)).isTrue();
    assertThat(implementing(Connection.class.getName(), PooledConnection.class)).isTrue();
    assertThat(implementing(Statement.class.getName(), DriverPreparedStatement.class)).isTrue();
  }

  @Test
  void aClassWhoseOnlyJdkSuperTypesAreOutsideJavaSqlDoesNotMatch() {
    assertThat(implementing(Connection.class.getName(), Unrelated.class)).isFalse();
    assertThat(implementing(Statement.class.getName(), DriverConnection.class)).isFalse();
  }

  // A driver's connection behind its own interface, a pool's subclass of it, a statement hierarchy.
  interface DriverConnectionApi extends Connection, Serializable {}

  abstract static class DriverConnection implements DriverConnectionApi {}

  abstract static class PooledConnection extends DriverConnection {}

  abstract static class DriverStatement implements Statement {}

  abstract static class DriverPreparedStatement extends DriverStatement implements PreparedStatement {}

  abstract static class Unrelated extends AbstractList<String> implements Serializable, InvocationHandler {}

}
