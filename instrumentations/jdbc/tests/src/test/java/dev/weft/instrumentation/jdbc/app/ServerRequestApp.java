package dev.weft.instrumentation.jdbc.app;

import dev.weft.testing.servlet.EmbeddedTomcat;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A servlet (embedded Tomcat) that runs a query while it handles a request, called once over HTTP;
 * then a query outside any request, as a background job's. Prints {@code RESULT} lines and
 * {@code DONE}.
 */
public final class ServerRequestApp {
  private static final String URL = "jdbc:h2:mem:server;DB_CLOSE_DELAY=-1";

  private ServerRequestApp() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(50))");
    }
    HttpServlet orders = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
          response.getWriter().write("orders=" + countOrders("alice"));
        } catch (SQLException e) {
          throw new IOException(e);
        }
      }
    };
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(Map.of("/orders", orders))) {
      HttpURLConnection http = (HttpURLConnection) URI.create(tomcat.url("/orders")).toURL().openConnection();
      System.out.println("RESULT request: " + http.getResponseCode() + " " + new String(http.getInputStream().readAllBytes()));
      http.disconnect();
      System.out.println("RESULT background: orders=" + countOrders("bob"));
    }
    System.out.println("DONE");
  }

  private static int countOrders(String customer) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement p = c.prepareStatement("SELECT count(*) FROM orders WHERE customer = ?")) {
      p.setString(1, customer);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
