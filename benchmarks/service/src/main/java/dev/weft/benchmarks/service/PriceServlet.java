package dev.weft.benchmarks.service;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET /price?sku=S: the downstream service, a price computed from the SKU. */
final class PriceServlet extends HttpServlet {
  private final BenchService.RequestCounter counter;

  PriceServlet(BenchService.RequestCounter counter) {
    this.counter = counter;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String sku = request.getParameter("sku");
    if (sku == null || sku.isEmpty()) {
      counter.failed();
      response.sendError(400, "missing sku");
      return;
    }
    int cents = 100 + Math.floorMod(sku.hashCode(), 9_900);
    response.setContentType("application/json");
    response
        .getWriter()
        .append("{\"sku\":\"").append(sku)
        .append("\",\"cents\":").append(Integer.toString(cents))
        .append('}');
    counter.served();
  }
}
