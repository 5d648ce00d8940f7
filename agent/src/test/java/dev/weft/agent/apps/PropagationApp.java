package dev.weft.agent.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Continues a caller's trace the way a server instrumentation would, then calls a downstream service
 * with {@link HttpURLConnection} and prints the trace headers that service received.
 *
 * <p>Arguments are incoming request header lines, {@code name=value} (a name may repeat). When there
 * are any, the app extracts a context from them with Weft's configured propagators (reached through
 * the bootstrap class path by reflection: the app knows nothing of Weft's relocated API) and makes it
 * current around the call. Prints one line per header of interest: {@code downstream <name>=<value>}
 * or {@code downstream <name> absent}. It then lingers for {@code linger=MS} (an argument, not a header;
 * default 0): with a short batch delay its span is exported while it runs rather than by the final
 * flush of a JVM on a busy machine.
 */
public final class PropagationApp {
  private static final String[] SHOWN = {
    "traceparent", "tracestate", "baggage", "b3", "X-B3-TraceId", "X-B3-Sampled", "uber-trace-id", "X-Amzn-Trace-Id"
  };
  private static final String API = "dev.weft.shaded.io.opentelemetry.";

  private PropagationApp() {}

  public static void main(String[] args) throws Exception {
    Map<String, List<String>> incoming = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    long linger = 0;
    for (String arg : args) {
      if (arg.startsWith("linger=")) {
        linger = Long.parseLong(arg.substring("linger=".length()));
        continue;
      }
      int eq = arg.indexOf('=');
      incoming.computeIfAbsent(arg.substring(0, eq), k -> new ArrayList<>()).add(arg.substring(eq + 1));
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      StringBuilder body = new StringBuilder();
      for (String name : SHOWN) {
        List<String> values = exchange.getRequestHeaders().get(name);
        body.append("downstream ").append(name)
            .append(values == null ? " absent" : "=" + String.join("|", values)).append('\n');
      }
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    try {
      AutoCloseable scope = incoming.isEmpty() ? () -> {} : continueTrace(incoming);
      try {
        System.out.print(get(new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/call")));
      } finally {
        scope.close();
      }
    } finally {
      server.stop(0);
    }
    Thread.sleep(linger);
  }

  /** {@code WeftOpenTelemetry.get().getPropagators().getTextMapPropagator().extract(...).makeCurrent()}. */
  private static AutoCloseable continueTrace(Map<String, List<String>> headers) throws Exception {
    Class<?> contextType = boot(API + "context.Context");
    Class<?> getterType = boot(API + "context.propagation.TextMapGetter");
    Class<?> propagatorType = boot(API + "context.propagation.TextMapPropagator");
    Object openTelemetry = boot("dev.weft.bootstrap.WeftOpenTelemetry").getMethod("get").invoke(null);
    Object propagators = boot(API + "api.OpenTelemetry").getMethod("getPropagators").invoke(openTelemetry);
    Object propagator = boot(API + "context.propagation.ContextPropagators").getMethod("getTextMapPropagator").invoke(propagators);
    Object getter = Proxy.newProxyInstance(PropagationApp.class.getClassLoader(), new Class<?>[] {getterType},
        (proxy, method, margs) -> answer(headers, method, margs));
    Object root = contextType.getMethod("root").invoke(null);
    Object context = propagatorType.getMethod("extract", contextType, Object.class, getterType).invoke(propagator, root, headers, getter);
    Object scope = contextType.getMethod("makeCurrent").invoke(context);
    Method close = boot(API + "context.Scope").getMethod("close");
    return () -> close.invoke(scope);
  }

  /** The getter: {@code keys}, {@code get} (first line) and {@code getAll} (every line). */
  private static Object answer(Map<String, List<String>> headers, Method method, Object[] args) {
    switch (method.getName()) {
      case "keys":
        return headers.keySet();
      case "get": {
        List<String> v = headers.get((String) args[1]);
        return v == null ? null : v.get(0);
      }
      case "getAll": {
        List<String> v = headers.get((String) args[1]);
        return (v == null ? Collections.<String>emptyList() : v).iterator();
      }
      case "hashCode":
        return 0;
      case "equals":
        return false;
      default:
        return "getter";
    }
  }

  private static Class<?> boot(String name) throws ClassNotFoundException {
    return Class.forName(name, true, null);
  }

  private static String get(URL url) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    try (InputStream in = connection.getInputStream()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] buffer = new byte[256];
      int n;
      while ((n = in.read(buffer)) != -1) {
        body.write(buffer, 0, n);
      }
      return new String(body.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}
