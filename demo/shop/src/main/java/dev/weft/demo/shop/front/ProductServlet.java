package dev.weft.demo.shop.front;

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

/** {@code GET /products/{id}}: the product from this service's database, its stock from shop-back. */
final class ProductServlet extends HttpServlet {
  private final transient Database database;
  private final String backUrl;

  ProductServlet(Database database, String backUrl) {
    this.database = database;
    this.backUrl = backUrl;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    int id = parseId(request.getPathInfo());
    if (id < 0) {
      Json.error(response, 404, "no such product");
      return;
    }
    String name;
    int priceCents;
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT name, price_cents FROM shop_products WHERE id = ?")) {
      query.setInt(1, id);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          Json.error(response, 404, "no product " + id);
          return;
        }
        name = row.getString(1);
        priceCents = row.getInt(2);
      }
    } catch (SQLException e) {
      throw new ServletException("could not read product " + id, e);
    }

    HttpGet stock;
    try {
      stock = HttpGet.get(backUrl + "/stock/" + id);
    } catch (IOException e) {
      Json.error(response, 502, "shop-back is unreachable: " + e);
      return;
    }
    if (stock.status != 200) {
      Json.error(response, 502, "shop-back answered " + stock.status);
      return;
    }
    Json.send(
        response,
        200,
        String.format(
            "{\"id\":%d,\"name\":%s,\"price\":\"%d.%02d\",\"stock\":%s}",
            id, Json.string(name), priceCents / 100, priceCents % 100, stock.body));
  }

  /** "/42" is 42; anything else is -1, a product that cannot exist. */
  static int parseId(String pathInfo) {
    if (pathInfo == null || pathInfo.length() < 2 || pathInfo.length() > 10) {
      return -1;
    }
    for (int i = 1; i < pathInfo.length(); i++) {
      if (pathInfo.charAt(i) < '0' || pathInfo.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(pathInfo.substring(1));
  }
}
