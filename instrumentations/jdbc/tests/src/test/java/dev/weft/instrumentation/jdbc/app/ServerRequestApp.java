package dev.weft.instrumentation.jdbc.app;

import dev.weft.testing.servlet.EmbeddedTomcat;
import dev.weft.testing.servlet.OrdersTable;

/**
 * A servlet (embedded Tomcat) that runs a query while it handles a request, called once over HTTP;
 * then a query outside any request, as a background job's. Prints {@code RESULT} lines and
 * {@code DONE}.
 */
public final class ServerRequestApp {
  private static final OrdersTable ORDERS = new OrdersTable("jdbc:h2:mem:server;DB_CLOSE_DELAY=-1");

  private ServerRequestApp() {}

  public static void main(String[] args) throws Exception {
    ORDERS.create();
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start("/orders", () -> "orders=" + ORDERS.countOrders("alice"))) {
      System.out.println("RESULT request: " + tomcat.get("/orders"));
      System.out.println("RESULT background: orders=" + ORDERS.countOrders("bob"));
    }
    System.out.println("DONE");
  }
}
