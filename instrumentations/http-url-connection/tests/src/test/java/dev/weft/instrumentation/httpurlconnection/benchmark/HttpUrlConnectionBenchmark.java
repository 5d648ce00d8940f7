package dev.weft.instrumentation.httpurlconnection.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One keep-alive {@code HttpURLConnection} GET to a local server, without and with the agent: run
 * twice, the second time with {@code -jvmArgsAppend "-javaagent:…/weft-agent.jar"} (commands in the
 * module README). The difference is what Weft adds per call: a CLIENT span started and ended through
 * the helper, its attributes, {@code traceparent} injected; export is off
 * ({@code otel.traces.exporter=none}), so this is the instrumentation's cost, not the exporter's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dotel.traces.exporter=none"})
public class HttpUrlConnectionBenchmark {
  /** Headers and body in one write: the JDK's HttpServer writes them apart and meets delayed ACKs (40 ms). */
  private static final byte[] RESPONSE =
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
  private ServerSocket server;
  private URL url;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptForever, "bench-server");
    acceptor.setDaemon(true);
    acceptor.start();
    url = new URL("http://127.0.0.1:" + server.getLocalPort() + "/price?item=42");
  }

  private void acceptForever() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        Thread t = new Thread(() -> serve(socket), "bench-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Keep-alive: answers every request (GET, no body) on the connection until the client closes it. */
  private static void serve(Socket socket) {
    try (Socket s = socket; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
      int matched = 0;
      int b;
      while ((b = in.read()) >= 0) {
        matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        if (matched == 4) { // end of the request's headers
          out.write(RESPONSE);
          out.flush();
          matched = 0;
        }
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    server.close();
  }

  @Benchmark
  public int getAndReadBody() throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    int status = connection.getResponseCode();
    try (InputStream in = connection.getInputStream()) {
      while (in.read() >= 0) {
        // drain, so the connection goes back to the keep-alive cache
      }
    }
    return status;
  }
}
