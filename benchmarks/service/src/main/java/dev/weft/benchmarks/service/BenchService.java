package dev.weft.benchmarks.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServlet;
import java.io.File;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A small order service as a user would write it: nothing here knows about tracing.
 *
 * <pre>
 * front      --port P --downstream http://127.0.0.1:Q [--jdbc-url U] [--jdbc-user X] [--jdbc-password Y]
 *            GET /order?id=N: one JDBC query, one HTTP call to the downstream's /price, a JSON answer
 * downstream --port Q
 *            GET /price?sku=S: a JSON answer computed in memory
 * setup-schema --jdbc-url U [--jdbc-user X] [--jdbc-password Y]
 *            (re)creates and fills the bench_orders table of an external database, then exits (the
 *            name is unusual so as not to meet another table of a shared database)
 * </pre>
 *
 * <p>On shutdown (SIGTERM) it prints {@code served=N failed=M}: the requests its servlet handled, which
 * the benchmark divides the spans it received by.
 */
public final class BenchService {
  static final String DEFAULT_JDBC_URL =
      "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1;INIT=RUNSCRIPT FROM 'classpath:h2-orders.sql'";

  private BenchService() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage("missing role");
    }
    Map<String, String> options = options(args);
    String role = args[0];
    switch (role) {
      case "front" -> awaitShutdown(startFront(options));
      case "downstream" -> awaitShutdown(startDownstream(port(options)));
      case "setup-schema" -> {
        SchemaSetup.run(required(options, "jdbc-url"), options.get("jdbc-user"), options.get("jdbc-password"));
        System.out.println("schema ready");
      }
      default -> usage("unknown role " + role);
    }
  }

  static Tomcat startFront(Map<String, String> options) throws Exception {
    // The JDK keeps at most 5 idle keep-alive connections per destination by default; a service
    // that calls another one under concurrent load raises that, or it reconnects on most calls.
    System.setProperty("http.maxConnections", "64");
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(options.getOrDefault("jdbc-url", DEFAULT_JDBC_URL));
    pool.setUsername(options.get("jdbc-user"));
    pool.setPassword(options.get("jdbc-password"));
    pool.setMaximumPoolSize(10);
    pool.setPoolName("orders");
    HikariDataSource dataSource = new HikariDataSource(pool);
    RequestCounter counter = new RequestCounter();
    return start(port(options), "/order", new OrderServlet(dataSource, required(options, "downstream"), counter),
        counter);
  }

  static Tomcat startDownstream(int port) throws Exception {
    RequestCounter counter = new RequestCounter();
    return start(port, "/price", new PriceServlet(counter), counter);
  }

  private static Tomcat start(int port, String path, HttpServlet servlet, RequestCounter counter)
      throws Exception {
    File baseDir = Files.createTempDirectory("bench-tomcat").toFile();
    baseDir.deleteOnExit();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.getPath());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "handler", servlet);
    context.addServletMappingDecoded(path, "handler");
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> System.out.println(counter.summary()), "served-count"));
    tomcat.start();
    System.out.println("listening on 127.0.0.1:" + connector.getLocalPort() + path);
    return tomcat;
  }

  private static void awaitShutdown(Tomcat tomcat) {
    tomcat.getServer().await();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        usage("expected --name value at " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static int port(Map<String, String> options) {
    return Integer.parseInt(required(options, "port"));
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      usage("missing --" + name);
    }
    return value;
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: front --port P --downstream URL [--jdbc-url U --jdbc-user X --jdbc-password Y]"
            + " | downstream --port P | setup-schema --jdbc-url U [--jdbc-user X --jdbc-password Y]");
    System.exit(2);
  }

  /** Requests a servlet handled, split by outcome. */
  static final class RequestCounter {
    private final LongAdder served = new LongAdder();
    private final LongAdder failed = new LongAdder();

    void served() {
      served.increment();
    }

    void failed() {
      failed.increment();
    }

    String summary() {
      return "served=" + (served.sum() + failed.sum()) + " failed=" + failed.sum();
    }
  }
}
