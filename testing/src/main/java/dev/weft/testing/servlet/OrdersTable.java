package dev.weft.testing.servlet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * For forked scenario apps: an {@code orders} table in a database given by JDBC URL (an in-memory H2
 * in the tests), and the one query the tests look for: {@value #COUNT_BY_CUSTOMER}.
 */
public final class OrdersTable {
  public static final String COUNT_BY_CUSTOMER = "SELECT count(*) FROM orders WHERE customer = ?";

  private final String url;

  public OrdersTable(String url) {
    this.url = url;
  }

  public OrdersTable create() throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(50))");
    }
    return this;
  }

  public int countOrders(String customer) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); PreparedStatement p = c.prepareStatement(COUNT_BY_CUSTOMER)) {
      p.setString(1, customer);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
