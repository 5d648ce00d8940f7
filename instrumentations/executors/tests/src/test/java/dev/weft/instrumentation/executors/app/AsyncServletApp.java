package dev.weft.instrumentation.executors.app;

import dev.weft.testing.http.RawHttp;
import dev.weft.testing.http.TestServers;
import dev.weft.testing.servlet.EmbeddedTomcat;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The application: a servlet (embedded Tomcat) that hands its work to other threads, requested
 * over a raw socket (no client span: the SERVER span is each trace's root). Each request {@code
 * /<scenario>?n=<n>} runs a query and makes an HTTP call to {@code <scenario.http>/ok/<scenario>-<n>}
 * (the test's server), never on the request's thread:
 *
 * <ul>
 *   <li>{@code pool}: async servlet; the query on an {@code ExecutorService} (fixed pool) thread, the
 *       call inside {@code CompletableFuture.supplyAsync} (default executor); the response is written
 *       and the request completed when both are done, on whichever thread finishes last;
 *   <li>{@code virtual} (JDK 21+): the same with {@code newVirtualThreadPerTaskExecutor()}, for the
 *       query and as {@code supplyAsync}'s executor;
 *   <li>{@code parallel}: a plain servlet; four queries in a parallel stream (common pool), the call
 *       submitted to {@code ForkJoinPool.commonPool()}.
 * </ul>
 *
 * Arguments: the scenarios; each is requested twice at once. Prints {@code RESULT <scenario>-<n>:
 * <status> <body>} per request, then {@code DONE}.
 */
public final class AsyncServletApp {
  private static final String DB = "jdbc:h2:mem:async;DB_CLOSE_DELAY=-1";
  private static final String QUERY = "SELECT count(*) FROM orders WHERE customer = ?";
  private static final int REQUESTS_PER_SCENARIO = 2;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  private AsyncServletApp() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(DB); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(50))");
    }
    String http = System.getProperty(TestServers.HTTP_PROPERTY);
    Map<String, HttpServlet> servlets = new LinkedHashMap<>();
    for (String scenario : args) {
      servlets.put("/" + scenario, new ScenarioServlet(scenario, http));
    }
    try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(servlets)) {
      for (String scenario : args) {
        List<Thread> clients = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (int n = 1; n <= REQUESTS_PER_SCENARIO; n++) {
          String id = scenario + "-" + n;
          String target = "/" + scenario + "?n=" + n;
          Thread client = new Thread(() -> {
            byte[] response = RawHttp.exchange(tomcat.port(), RawHttp.request("GET", target));
            synchronized (results) {
              results.add("RESULT " + id + ": " + RawHttp.status(response) + " " + RawHttp.body(response));
            }
          });
          client.start();
          clients.add(client);
        }
        for (Thread client : clients) {
          client.join();
        }
        results.stream().sorted().forEach(System.out::println);
      }
    } finally {
      POOL.shutdown();
    }
    System.out.println("DONE");
  }

  private static final class ScenarioServlet extends HttpServlet {
    private final String scenario;
    private final String http;

    ScenarioServlet(String scenario, String http) {
      this.scenario = scenario;
      this.http = http;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String id = scenario + "-" + request.getParameter("n");
      try {
        switch (scenario) {
          case "pool" -> async(request, response, id, POOL, null);
          case "virtual" -> {
            ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            async(request, response, id, virtual, virtual);
          }
          case "parallel" -> {
            int orders = IntStream.rangeClosed(1, 4).parallel().map(i -> countOrders(id + "/" + i)).sum();
            Future<String> call = ForkJoinPool.commonPool().submit(() -> get(http + "/ok/" + id));
            respond(response, "orders=" + orders + " http=" + call.get());
          }
          default -> response.sendError(404);
        }
      } catch (ReflectiveOperationException | InterruptedException | java.util.concurrent.ExecutionException e) {
        throw new IOException(e);
      }
    }

    /** The query on {@code queries}, the call in {@code supplyAsync} (on {@code calls}, or its default). */
    private void async(HttpServletRequest request, HttpServletResponse response, String id,
        ExecutorService queries, ExecutorService calls) {
      AsyncContext async = request.startAsync();
      Future<Integer> orders = queries.submit(() -> countOrders(id));
      CompletableFuture<String> call = calls == null
          ? CompletableFuture.supplyAsync(() -> get(http + "/ok/" + id))
          : CompletableFuture.supplyAsync(() -> get(http + "/ok/" + id), calls);
      call.whenComplete((body, failure) -> {
        try {
          respond(response, "orders=" + orders.get() + " http=" + (failure == null ? body : failure));
        } catch (Exception e) {
          response.setStatus(500);
        } finally {
          async.complete();
          if (calls != null) {
            calls.shutdown();
          }
        }
      });
    }
  }

  /** With a Content-Length, so the raw client reads the body without chunk framing. */
  private static void respond(HttpServletResponse response, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static int countOrders(String customer) {
    try (Connection c = DriverManager.getConnection(DB); PreparedStatement p = c.prepareStatement(QUERY)) {
      p.setString(1, customer);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String get(String url) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      try (InputStream in = connection.getInputStream()) {
        return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
