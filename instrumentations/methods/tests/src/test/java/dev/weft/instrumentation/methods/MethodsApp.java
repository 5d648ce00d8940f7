package dev.weft.instrumentation.methods;

import com.shop.Cart;
import com.shop.Tax;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The scenario app of {@link MethodsTest}, run in a forked JVM with and without the agent. Prints one
 * {@code RESULT name: outcome} line per scenario: the application must see the same either way.
 */
public final class MethodsApp {
  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/stock", exchange -> {
      byte[] body = "42".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    String stockUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/stock";
    try {
      Cart cart = new Cart(stockUrl);
      result("price", cart.price("tea"));
      result("checkout", cart.checkout("coffee"));
      result("shipping", cart.shipping());
      try {
        new Tax().compute(-1);
        result("tax-error", "no exception");
      } catch (IllegalArgumentException e) {
        result("tax-error", e.getMessage());
      }
      try {
        new Cart(true);
        result("broken-constructor", "no exception");
      } catch (IllegalStateException e) {
        result("broken-constructor", e.getMessage());
      }
    } finally {
      server.stop(0);
    }
    System.out.println("DONE");
    lingerIfAsked();
  }

  /** With {@code -Dlinger=true} the app stays up after DONE until the test stops it (see LingeringApp). */
  static void lingerIfAsked() throws InterruptedException {
    if (Boolean.getBoolean("linger")) {
      Thread.sleep(120_000);
    }
  }


  private static void result(String name, Object outcome) {
    System.out.println("RESULT " + name + ": " + outcome);
  }
}
