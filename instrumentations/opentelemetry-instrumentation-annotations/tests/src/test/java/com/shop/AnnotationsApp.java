package com.shop;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The scenario app of the annotation tests, run in a forked JVM with and without the agent. Prints one
 * {@code RESULT name: outcome} line per scenario: the application must see the same either way.
 */
public final class AnnotationsApp {
  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/stock", exchange -> {
      byte[] body = "42".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      Shop shop = new Shop("http://127.0.0.1:" + server.getAddress().getPort() + "/stock");
      result("sync", shop.sync());
      result("named", shop.named());
      result("order", shop.order("A-1", 3, true, "secret", null, new String[] {"gift", "express"}, 9.5,
          new Shop.Customer("ada")));
      result("bad-argument", shop.badArgument(new Shop.Unprintable(), "fine"));
      try {
        shop.fail();
        result("fail", "no exception");
      } catch (IllegalStateException e) {
        result("fail", e.getMessage());
      }
      result("async", shop.async(executor).get());
      try {
        shop.asyncFailing(executor).toCompletableFuture().get();
        result("async-failing", "no exception");
      } catch (ExecutionException e) {
        result("async-failing", e.getCause().getMessage());
      }
      result("nested", shop.outer());
      result("excluded", shop.excluded());
      result("adding", shop.addsAttributes());
      result("adding-without-span", shop.adding("silver", 1));
      result("detached", shop.detaching());
    } finally {
      executor.shutdown();
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
