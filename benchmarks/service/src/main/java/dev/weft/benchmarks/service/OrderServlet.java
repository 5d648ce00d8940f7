package dev.weft.benchmarks.service;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** GET /order?id=N: reads the order from the database, asks the downstream service for its price. */
final class OrderServlet extends HttpServlet {
  private static final String QUERY = "SELECT customer, sku, quantity FROM bench_orders WHERE id = ?";

  private final DataSource dataSource;
  private final String downstream;
  private final BenchService.RequestCounter counter;

  OrderServlet(DataSource dataSource, String downstream, BenchService.RequestCounter counter) {
    this.dataSource = dataSource;
    this.downstream = downstream;
    this.counter = counter;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try {
      long id = parseId(request.getParameter("id"));
      String customer;
      String sku;
      int quantity;
      try (Connection connection = dataSource.getConnection();
          PreparedStatement statement = connection.prepareStatement(QUERY)) {
        statement.setLong(1, id);
        try (ResultSet row = statement.executeQuery()) {
          if (!row.next()) {
            counter.failed();
            response.sendError(404, "no order " + id);
            return;
          }
          customer = row.getString(1);
          sku = row.getString(2);
          quantity = row.getInt(3);
        }
      }
      String price = fetchPrice(sku);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .append("{\"id\":").append(Long.toString(id))
          .append(",\"customer\":\"").append(customer)
          .append("\",\"quantity\":").append(Integer.toString(quantity))
          .append(",\"price\":").append(price)
          .append('}');
      counter.served();
    } catch (SQLException | IOException | RuntimeException e) {
      counter.failed();
      response.sendError(500, e.toString());
    }
  }

  private static long parseId(String id) {
    return id == null ? 1 : Long.parseLong(id);
  }

  /** The downstream's JSON answer for this SKU, embedded as is. */
  private String fetchPrice(String sku) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create(downstream + "/price?sku=" + sku).toURL().openConnection();
    connection.setConnectTimeout(2_000);
    connection.setReadTimeout(10_000);
    int status = connection.getResponseCode();
    // Read the body to its end and close it, so the connection goes back to the keep-alive cache.
    try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
      if (status != 200) {
        throw new IOException("downstream answered " + status);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
