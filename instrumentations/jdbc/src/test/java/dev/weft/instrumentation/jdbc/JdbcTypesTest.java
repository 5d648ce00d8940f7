package dev.weft.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** The JDBC side of the matcher; the super-type walk itself is tested in tooling's SuperTypesTest. */
class JdbcTypesTest {
  private final TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.ofSystemLoader());

  private boolean implementing(Class<?> iface, String typeName) {
    TypeDescription type = pool.describe(typeName).resolve();
    return JdbcTypes.implementing(iface.getName()).matches(type);
  }

  @Test
  void aLibraryClassImplementingTheInterfaceThroughAnotherMatches() {
    assertThat(implementing(Statement.class, LibraryPreparedStatement.class.getName())).isTrue();
    assertThat(implementing(PreparedStatement.class, LibraryPreparedStatement.class.getName())).isTrue();
  }

  @Test
  void jdkClassesAreLeftAloneByNameEvenWhenTheyImplementJavaSql() {
    // The JDK's own RowSet implements ResultSet; JDK classes are excluded before any walk.
    assertThat(implementing(ResultSet.class, "com.sun.rowset.JdbcRowSetImpl")).isFalse();
  }

  abstract static class LibraryStatement implements Statement {}

  abstract static class LibraryPreparedStatement extends LibraryStatement implements PreparedStatement {}
}
