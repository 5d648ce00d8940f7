package dev.weft.demo.shop.front;

import dev.weft.demo.shop.Database;
import dev.weft.demo.shop.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code GET /bestsellers}: a bug on purpose. The query sorts by a column the table never had, the
 * driver throws, and the container answers 500: the kind of failure a trace should make obvious.
 */
final class BestsellersServlet extends HttpServlet {
  private final transient Database database;

  BestsellersServlet(Database database) {
    this.database = database;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    StringBuilder json = new StringBuilder("[");
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT id, name FROM shop_products ORDER BY units_sold DESC LIMIT 3")) {
      while (rows.next()) {
        json.append(json.length() > 1 ? "," : "")
            .append("{\"id\":").append(rows.getInt(1))
            .append(",\"name\":").append(Json.string(rows.getString(2))).append('}');
      }
    } catch (SQLException e) {
      throw new ServletException("bestsellers query failed", e);
    }
    Json.send(response, 200, json.append(']').toString());
  }
}
