package dev.weft.benchmarks.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates and fills the bench_orders table of an external database (PostgreSQL, MariaDB, …). The benchmark
 * runs it once in a JVM without an agent, so no set-up statement is counted against a service; the
 * default H2 in-memory database fills itself (h2-orders.sql).
 */
final class SchemaSetup {
  static final int ORDERS = 1_000;

  private SchemaSetup() {}

  static void run(String url, String user, String password) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS bench_orders");
      statement.execute(
          "CREATE TABLE bench_orders(id BIGINT PRIMARY KEY, customer VARCHAR(64) NOT NULL,"
              + " sku VARCHAR(32) NOT NULL, quantity INT NOT NULL)");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO bench_orders VALUES (?, ?, ?, ?)")) {
        for (int id = 1; id <= ORDERS; id++) {
          insert.setLong(1, id);
          insert.setString(2, "customer-" + id);
          insert.setString(3, "sku-" + id % 50);
          insert.setInt(4, 1 + id % 5);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }
}
