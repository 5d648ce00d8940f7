package dev.weft.smoke.jetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An inventory service on plain embedded Jetty 12: {@code GET /inventory/stock/<sku>} reads the item
 * from MariaDB, then asks the warehouse (a second servlet of the same server, reached over HTTP with
 * the JDK's HttpClient) how many are on the shelf. Nothing here knows about tracing.
 *
 * <p>Args: the table name to use (dropped on exit, so that parallel runs never meet). The port goes to
 * stderr as {@code [jetty12-app] listening on port N}; it runs until the JVM is stopped (SIGTERM).
 */
public final class InventoryApp {
  private static final String DB_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

  public static void main(String[] args) throws Exception {
    String table = args.length > 0 ? args[0] : "inventory_items";
    createTable(table);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ServletContextHandler context = new ServletContextHandler("/inventory");
    context.addServlet(new StockServlet(table, client), "/stock/*");
    context.addServlet(new WarehouseServlet(), "/warehouse/*");
    server.setHandler(context);
    server.setStopAtShutdown(true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> dropTable(table)));
    server.start();
    int port = connector.getLocalPort();
    System.err.println("[jetty12-app] listening on port " + port);
    StockServlet.base = "http://127.0.0.1:" + port + "/inventory/warehouse/";
    server.join();
  }

  private static void createTable(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(DB_URL); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("CREATE TABLE " + table + " (sku VARCHAR(20) PRIMARY KEY, name VARCHAR(80))");
      s.execute("INSERT INTO " + table + " VALUES ('A-100', 'kettle'), ('B-200', 'teapot')");
    }
  }

  private static void dropTable(String table) {
    try (Connection c = DriverManager.getConnection(DB_URL); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    } catch (SQLException e) {
      System.err.println("[jetty12-app] could not drop " + table + ": " + e);
    }
  }

  /** {@code /inventory/stock/<sku>}: the item from the database and its shelf count from the warehouse. */
  static final class StockServlet extends HttpServlet {
    static volatile String base;
    private final String table;
    private final HttpClient client;

    StockServlet(String table, HttpClient client) {
      this.table = table;
      this.client = client;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String sku = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
      String name;
      try (Connection c = DriverManager.getConnection(DB_URL);
          PreparedStatement s = c.prepareStatement("SELECT name FROM " + table + " WHERE sku = ?")) {
        s.setString(1, sku);
        try (ResultSet rs = s.executeQuery()) {
          name = rs.next() ? rs.getString(1) : null;
        }
      } catch (SQLException e) {
        throw new IOException(e);
      }
      if (name == null) {
        resp.sendError(404, "unknown sku");
        return;
      }
      HttpResponse<String> shelf;
      try {
        shelf = client.send(
            HttpRequest.newBuilder(URI.create(base + sku)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      resp.setContentType("text/plain");
      resp.getWriter().print(sku + " " + name + " on shelf: " + shelf.body());
    }
  }

  /** {@code /inventory/warehouse/<sku>}: a count derived from the sku, as a remote service would answer. */
  static final class WarehouseServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String sku = req.getPathInfo() == null ? "" : req.getPathInfo();
      resp.setContentType("text/plain");
      resp.getWriter().print(sku.length() * 7);
    }
  }
}
