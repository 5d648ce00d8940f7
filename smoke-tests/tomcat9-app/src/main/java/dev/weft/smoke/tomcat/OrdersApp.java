package dev.weft.smoke.tomcat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.AsyncContext;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * An order service on embedded Tomcat 9 (javax.servlet), the way older applications are built: an
 * auditing filter in front of everything, {@code /shop/orders/<id>} reading H2 and calling the
 * shipping endpoint with HttpURLConnection, {@code /shop/legacy/<id>} forwarding to the orders
 * servlet, and {@code /shop/report} answering asynchronously from a container thread. Nothing here
 * knows about tracing. The port goes to stderr as {@code [tomcat9-app] listening on port N}; it runs until
 * the JVM is stopped (SIGTERM).
 */
public final class OrdersApp {
  private static final String DB_URL = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(DB_URL); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(80), qty INT)");
      s.execute("INSERT INTO orders VALUES (1, 'kettle', 2), (2, 'teapot', 1)");
    }
    File base = Files.createTempDirectory("tomcat9-app").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);

    Context context = tomcat.addContext("/shop", base.getAbsolutePath());
    add(context, "orders", new OrderServlet(), "/orders/*");
    add(context, "legacy", new LegacyServlet(), "/legacy/*");
    add(context, "shipping", new ShippingServlet(), "/shipping/*");
    add(context, "report", new ReportServlet(), "/report").setAsyncSupported(true);
    FilterDef audit = new FilterDef();
    audit.setFilterName("audit");
    audit.setFilter(new AuditFilter());
    audit.setAsyncSupported("true");
    context.addFilterDef(audit);
    FilterMap everything = new FilterMap();
    everything.setFilterName("audit");
    everything.addURLPattern("/*");
    context.addFilterMap(everything);

    tomcat.start();
    int port = connector.getLocalPort();
    OrderServlet.shipping = "http://127.0.0.1:" + port + "/shop/shipping/";
    System.err.println("[tomcat9-app] listening on port " + port);
    tomcat.getServer().await();
  }

  private static Wrapper add(Context context, String name, HttpServlet servlet, String pattern) {
    Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
    context.addServletMappingDecoded(pattern, name);
    return wrapper;
  }

  static String lookUp(int id) throws IOException {
    try (Connection c = DriverManager.getConnection(DB_URL);
        PreparedStatement s = c.prepareStatement("SELECT item, qty FROM orders WHERE id = ?")) {
      s.setInt(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(2) + " x " + rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }

  static int idOf(HttpServletRequest req) {
    String path = req.getPathInfo();
    try {
      return path == null ? -1 : Integer.parseInt(path.substring(1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Adds a response header to every response, as auditing filters do. */
  static final class AuditFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
        throws IOException, ServletException {
      resp.setHeader("X-Audited", "yes");
      chain.doFilter(req, resp);
    }
  }

  /** {@code /shop/orders/<id>}: the order from H2 plus its shipping status from the shipping endpoint. */
  static final class OrderServlet extends HttpServlet {
    static volatile String shipping;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      int id = idOf(req);
      String order = lookUp(id);
      if (order == null) {
        resp.sendError(404, "no such order");
        return;
      }
      HttpURLConnection conn = (HttpURLConnection) new URL(shipping + id).openConnection();
      String status;
      try (InputStream in = conn.getInputStream()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        status = out.toString(StandardCharsets.UTF_8);
      }
      resp.setContentType("text/plain");
      resp.getWriter().print("order " + id + ": " + order + ", " + status);
    }
  }

  /** {@code /shop/legacy/<id>}: an old URL kept alive by forwarding to the orders servlet. */
  static final class LegacyServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
        throws IOException, ServletException {
      req.getRequestDispatcher("/orders/" + idOf(req)).forward(req, resp);
    }
  }

  /** {@code /shop/shipping/<id>}: answers like a remote shipping service would. */
  static final class ShippingServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().print(idOf(req) % 2 == 0 ? "shipped" : "packing");
    }
  }

  /** {@code /shop/report}: counts orders on a container thread after the request thread is released. */
  static final class ReportServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext async = req.startAsync();
      async.start(() -> {
        try (Connection c = DriverManager.getConnection(DB_URL);
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
          rs.next();
          async.getResponse().setContentType("text/plain");
          async.getResponse().getWriter().print("orders: " + rs.getInt(1));
        } catch (SQLException | IOException e) {
          ((HttpServletResponse) async.getResponse()).setStatus(500);
        } finally {
          async.complete();
        }
      });
    }
  }
}
