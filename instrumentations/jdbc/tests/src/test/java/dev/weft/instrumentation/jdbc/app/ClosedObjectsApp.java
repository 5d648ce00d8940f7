package dev.weft.instrumentation.jdbc.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Borrows connections from HikariCP (a new proxy connection and statement per borrow) and opens one
 * directly from the driver, uses and closes them, and prints how many connections and statements the
 * agent still keeps state for ({@code TRACKED <step> connections=N statements=M}). Every object stays
 * reachable until the end, so a count falls only because {@code close()} dropped the entry, never
 * because the garbage collector cleared a weak key.
 */
public final class ClosedObjectsApp {
  private static final MethodHandle CONNECTIONS = counter("trackedConnections");
  private static final MethodHandle STATEMENTS = counter("trackedStatements");

  private ClosedObjectsApp() {}

  public static void main(String[] args) throws Throwable {
    List<Object> reachable = new ArrayList<>();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:closed;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(2);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Connection open = pool.getConnection();
      PreparedStatement openPrepared = open.prepareStatement("SELECT 1");
      Statement openPlain = open.createStatement();
      reachable.add(open);
      reachable.add(openPrepared);
      reachable.add(openPlain);
      report("open");
      openPrepared.close();
      openPlain.close();
      open.close();
      for (int i = 0; i < 50; i++) {
        Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT ? + 1");
        p.setInt(1, i);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
        }
        Statement s = c.createStatement();
        s.execute("SELECT 2");
        reachable.add(c);
        reachable.add(p);
        reachable.add(s);
        s.close();
        p.close();
        c.close();
      }
      Connection direct = DriverManager.getConnection("jdbc:h2:mem:closed");
      for (int i = 0; i < 20; i++) {
        PreparedStatement p = direct.prepareStatement("SELECT 3");
        p.executeQuery().close();
        reachable.add(p);
        p.close();
      }
      report("closed");
      reachable.add(direct);
      direct.close();
    }
    report("pool-closed");
    System.out.println("KEPT " + reachable.size()); // the objects are used until here
  }

  private static void report(String step) throws Throwable {
    System.out.println("TRACKED " + step + " connections=" + (int) CONNECTIONS.invokeExact()
        + " statements=" + (int) STATEMENTS.invokeExact());
  }

  private static MethodHandle counter(String name) {
    try {
      return MethodHandles.publicLookup().findStatic(
          Class.forName("dev.weft.instrumentation.jdbc.bootstrap.JdbcTracing"), name, MethodType.methodType(int.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("run with the agent: " + e, e);
    }
  }
}
