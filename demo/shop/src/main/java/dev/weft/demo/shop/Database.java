package dev.weft.demo.shop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A JDBC URL and a connection per request through {@link DriverManager}: the plainest JDBC there is.
 * H2 (in memory, one database per service JVM) unless the demo is given a PostgreSQL URL; the SQL here
 * runs on both.
 */
public final class Database {
  private final String url;

  public Database(String url) {
    this.url = url;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /**
   * Creates the table if it is missing and fills it if it is empty, so that a PostgreSQL database used
   * by an earlier run (or holding other tables) is neither duplicated into nor dropped.
   */
  public void prepare(String createTable, String table, String... inserts) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(createTable);
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rows.next();
        if (rows.getLong(1) > 0) {
          return;
        }
      }
      for (String insert : inserts) {
        statement.executeUpdate(insert);
      }
    }
  }

  /** The URL without its parameters (they may hold a password), for the start-up line. */
  public String describe() {
    int cut = url.indexOf('?');
    return cut < 0 ? url : url.substring(0, cut);
  }
}
