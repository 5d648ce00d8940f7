package dev.weft.smoke.isolation;

import com.google.protobuf.Timestamp;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import kotlin.KotlinVersion;
import kotlin.text.StringsKt;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An application that brings its own copies of what Weft bundles, in other versions, and uses each:
 * its own OpenTelemetry SDK (configured in code, exporting with its own OTLP exporter), OkHttp,
 * ByteBuddy, Kotlin stdlib and protobuf-java. With Weft attached it must behave exactly as without.
 *
 * <p>Usage: {@code java -jar isolation-app.jar <OTLP/HTTP base URL>}. Stdout holds only what is the
 * same on every run; what differs (the port, the traceparent a request arrived with) goes to stderr on
 * lines starting with {@code [isolation-app]}. Exits 0 when every check held, 2 otherwise.
 */
public final class IsolationApp {
  static final String SERVICE_NAME = "isolation-app";
  static final String TRACER_NAME = "isolation-app-tracer";
  static final String TRACER_VERSION = "7.7.7";
  private static final int TIMEOUT_MILLIS = 5_000;

  /** traceparent each path arrived with ("none" when absent). */
  private static final Map<String, String> TRACEPARENTS = new ConcurrentHashMap<>();

  private static boolean allChecksHeld = true;

  private IsolationApp() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: isolation-app <OTLP/HTTP base URL, e.g. http://127.0.0.1:4318>");
      System.exit(64);
    }
    // Configured in code, not from OTEL_* variables (this SDK has no autoconfigure module), so that
    // the agent's configuration and the app's cannot mix.
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setResource(
                        Resource.getDefault()
                            .merge(
                                Resource.create(
                                    Attributes.of(AttributeKey.stringKey("service.name"), SERVICE_NAME))))
                    .addSpanProcessor(
                        BatchSpanProcessor.builder(
                                OtlpHttpSpanExporter.builder().setEndpoint(args[0] + "/v1/traces").build())
                            .setScheduleDelay(Duration.ofMillis(100))
                            .build())
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .buildAndRegisterGlobal(); // throws if anything else had set the app's global already

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", IsolationApp::handle);
    server.start();
    int port = server.getAddress().getPort();
    System.err.println("[isolation-app] java.version " + System.getProperty("java.version"));
    System.err.println("[isolation-app] listening on port " + port);
    String base = "http://127.0.0.1:" + port;

    Tracer tracer = GlobalOpenTelemetry.getTracer(TRACER_NAME, TRACER_VERSION);
    Span work = tracer.spanBuilder("app work").setAttribute("app.step", "all").startSpan();
    try (Scope ignored = work.makeCurrent()) {
      check("Span.current() is the span the app made current", Span.current() == work);
      okHttpCall(tracer, base);
      httpUrlConnectionCall(tracer, base);
      check("Span.current() is still the app's span after both calls", Span.current() == work);
      byteBuddy(tracer);
      protobuf(tracer);
      kotlin(tracer);
    } finally {
      work.end();
      server.stop(0);
    }
    check("Span.current() is invalid again after the scope closed", !Span.current().getSpanContext().isValid());
    // Flushes the app's spans (its own exporter reports failures itself, on its own JUL logger).
    sdk.shutdown().join(10, TimeUnit.SECONDS);
    System.out.println(allChecksHeld ? "all checks held" : "SOME CHECKS FAILED");
    if (!allChecksHeld) {
      System.exit(2);
    }
  }

  /** The app's own OkHttp, carrying the app's own traceparent, injected by the app's own propagator. */
  private static void okHttpCall(Tracer tracer, String base) throws IOException {
    Span span = tracer.spanBuilder("okhttp GET /okhttp").setSpanKind(SpanKind.CLIENT).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      Request.Builder request = new Request.Builder().url(base + "/okhttp");
      GlobalOpenTelemetry.getPropagators()
          .getTextMapPropagator()
          .inject(Context.current(), request, (builder, key, value) -> builder.header(key, value));
      OkHttpClient client =
          new OkHttpClient.Builder()
              .connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
              .readTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
              .build();
      try (Response response = client.newCall(request.build()).execute()) {
        System.out.println("okhttp " + OkHttp.VERSION + " from " + origin(OkHttpClient.class)
            + ": GET /okhttp -> " + response.code() + " " + response.body().string());
        span.setAttribute("http.response.status_code", (long) response.code());
      } finally {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
      check("the server saw the app's own traceparent on the OkHttp call",
          traceparentOf(span).equals(TRACEPARENTS.get("/okhttp")));
    } finally {
      span.end();
    }
  }

  /** A JDK HttpURLConnection call, which Weft instruments (in its own, separate context). */
  private static void httpUrlConnectionCall(Tracer tracer, String base) throws IOException {
    Span span = tracer.spanBuilder("urlconnection GET /plain").setSpanKind(SpanKind.CLIENT).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      HttpURLConnection connection = (HttpURLConnection) new URL(base + "/plain").openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      try (InputStream in = connection.getInputStream()) {
        System.out.println("HttpURLConnection: GET /plain -> " + connection.getResponseCode() + " " + read(in));
      } finally {
        connection.disconnect();
      }
      check("Span.current() is the app's span after the HttpURLConnection call", Span.current() == span);
    } finally {
      span.end();
    }
  }

  private static void byteBuddy(Tracer tracer) throws Exception {
    Span span = tracer.spanBuilder("bytebuddy subclass").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      // Java 8 class files: this ByteBuddy predates JDK 25, whose class file version it may not know.
      Class<?> generated =
          new ByteBuddy(ClassFileVersion.JAVA_V8)
              .subclass(Object.class)
              .name("dev.weft.smoke.isolation.Generated")
              .method(ElementMatchers.named("toString"))
              .intercept(FixedValue.value("made by the app's own ByteBuddy"))
              .make()
              .load(IsolationApp.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
              .getLoaded();
      Object instance = generated.getDeclaredConstructor().newInstance();
      System.out.println("bytebuddy from " + origin(ByteBuddy.class) + ": " + generated.getName() + " says \""
          + instance + "\"");
      span.setAttribute("app.generated.class", generated.getName());
    } finally {
      span.end();
    }
  }

  private static void protobuf(Tracer tracer) throws IOException {
    Span span = tracer.spanBuilder("protobuf round trip").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      Timestamp original = Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(42).build();
      byte[] bytes = original.toByteArray();
      Timestamp parsed = Timestamp.parseFrom(bytes);
      System.out.println("protobuf from " + origin(Timestamp.class) + ": parsed " + bytes.length + " bytes to seconds="
          + parsed.getSeconds() + " nanos=" + parsed.getNanos() + " equal=" + parsed.equals(original));
      span.setAttribute("app.protobuf.bytes", (long) bytes.length);
    } finally {
      span.end();
    }
  }

  private static void kotlin(Tracer tracer) {
    Span span = tracer.spanBuilder("kotlin stdlib").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      String reversed = StringsKt.reversed((CharSequence) "weft").toString();
      System.out.println("kotlin " + KotlinVersion.CURRENT + " from " + origin(KotlinVersion.class)
          + ": reversed(\"weft\") = " + reversed);
      span.setAttribute("app.kotlin.version", KotlinVersion.CURRENT.toString());
    } finally {
      span.end();
    }
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
    TRACEPARENTS.put(path, traceparent == null ? "none" : traceparent);
    System.err.println("[isolation-app] server got " + exchange.getRequestMethod() + " " + path
        + " traceparent=" + (traceparent == null ? "none" : traceparent));
    byte[] body = ("hello from " + path).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String traceparentOf(Span span) {
    return "00-" + span.getSpanContext().getTraceId() + "-" + span.getSpanContext().getSpanId() + "-"
        + span.getSpanContext().getTraceFlags().asHex();
  }

  private static void check(String what, boolean held) {
    System.out.println("check: " + what + ": " + held);
    allChecksHeld &= held;
  }

  /** The jar a class came from, by file name: shows the app runs on its own copies. */
  private static String origin(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "<no code source: " + type.getClassLoader() + ">";
    }
    return new File(source.getLocation().getPath()).getName();
  }

  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) != -1) {
      bytes.write(buffer, 0, n);
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }
}
