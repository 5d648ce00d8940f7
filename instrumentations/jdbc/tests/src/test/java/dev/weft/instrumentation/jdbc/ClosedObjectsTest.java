package dev.weft.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.instrumentation.jdbc.app.ClosedObjectsApp;
import dev.weft.testing.AgentJvm;
import dev.weft.testing.JvmResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the agent keeps about a connection or statement is dropped when the application closes it, not
 * left for the garbage collector: with a pool, every request borrows a new proxy connection and makes
 * new statements, and each entry left behind is a weak reference every young collection processes.
 */
class ClosedObjectsTest {
  @Test
  void closingConnectionsAndStatementsDropsTheirEntries() {
    JvmResult result =
        AgentJvm.builder()
            .mainClass(ClosedObjectsApp.class.getName())
            .classpathOf(ClosedObjectsApp.class, org.h2.Driver.class, com.zaxxer.hikari.HikariDataSource.class,
                org.slf4j.LoggerFactory.class)
            .env("OTEL_TRACES_EXPORTER", "none")
            .name("jdbc-closed-objects")
            .run(Duration.ofSeconds(60));
    result.assertExitCode(0);
    String out = result.stdout();
    // While open: the pool's proxy and the driver's connection, and both layers' statements.
    assertThat(tracked(out, "open", "connections")).isGreaterThanOrEqualTo(2);
    assertThat(tracked(out, "open", "statements")).isGreaterThanOrEqualTo(4);
    // 224 statements (pool and driver layers) and 51 proxy connections were made and closed, all still
    // reachable: only the pool's physical connections (at most 2) and the direct one, all open, are left.
    assertThat(tracked(out, "closed", "statements")).isZero();
    assertThat(tracked(out, "closed", "connections")).isBetween(2, 3);
    assertThat(tracked(out, "pool-closed", "connections")).isZero();
    assertThat(out).contains("KEPT 174");
  }

  private static int tracked(String stdout, String step, String what) {
    String prefix = "TRACKED " + step + " ";
    for (String line : stdout.split("\n")) {
      if (line.startsWith(prefix)) {
        for (String field : line.substring(prefix.length()).trim().split(" ")) {
          if (field.startsWith(what + "=")) {
            return Integer.parseInt(field.substring(what.length() + 1));
          }
        }
      }
    }
    throw new AssertionError("no " + what + " for " + step + " in:\n" + stdout);
  }
}
