package dev.weft.demo.shop.back;

import dev.weft.demo.shop.Database;
import dev.weft.demo.shop.HttpGet;
import dev.weft.demo.shop.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code GET /stock/{productId}}: the quantity in this service's database. */
final class StockServlet extends HttpServlet {
  private final transient Database database;
  private final String warehouseUrl;

  StockServlet(Database database, String warehouseUrl) {
    this.database = database;
    this.warehouseUrl = warehouseUrl;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String path = request.getPathInfo();
    int productId;
    try {
      productId = path == null ? -1 : Integer.parseInt(path.substring(1));
    } catch (NumberFormatException e) {
      productId = -1;
    }
    int quantity;
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT quantity FROM shop_stock WHERE product_id = ?")) {
      query.setInt(1, productId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          Json.error(response, 404, "no stock record for product " + productId);
          return;
        }
        quantity = row.getInt(1);
      }
    } catch (SQLException e) {
      throw new ServletException("could not read stock of product " + productId, e);
    }
    String json = "{\"quantity\":" + quantity;
    if (quantity == 0) {
      json += ",\"restock\":" + Json.string(restockDate(productId));
    }
    Json.send(response, 200, json + "}");
  }

  /** The warehouse's answer, or "unknown" when it cannot be reached: a sold-out page still renders. */
  private String restockDate(int productId) {
    try {
      HttpGet answer = HttpGet.get(warehouseUrl + "/restock/" + productId);
      return answer.status == 200 ? answer.body.trim() : "unknown (warehouse answered " + answer.status + ")";
    } catch (IOException e) {
      return "unknown (warehouse unreachable)";
    }
  }
}
