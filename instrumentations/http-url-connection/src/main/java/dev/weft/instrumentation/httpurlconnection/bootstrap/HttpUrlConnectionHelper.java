package dev.weft.instrumentation.httpurlconnection.bootstrap;

import dev.weft.bootstrap.CallDepth;
import dev.weft.bootstrap.WeakKeyMap;
import dev.weft.instrumentation.httpclient.bootstrap.HttpClientInstrumenters;
import dev.weft.instrumentation.httpclient.bootstrap.TraceContextInjector;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the {@code HttpURLConnection} advice calls. On the bootstrap class path because the woven
 * classes are the JDK's.
 *
 * <p>The connection API has no single "send" method: a span starts at whichever of {@code connect},
 * {@code getOutputStream}, {@code getInputStream} or {@code getResponseCode} comes first, and ends
 * when the response status is known ({@code getInputStream}/{@code getResponseCode} return or fail), on
 * {@code disconnect}, or on a connection failure. Nested calls (the HTTPS wrapper delegating to its
 * inner connection, {@code getResponseCode} calling {@code getInputStream}) add nothing.
 *
 * <p>One connection may be used from several threads (a watchdog calling {@code disconnect()} to
 * abort a request that waits for its response): a {@code disconnect()} while another thread is inside
 * one of the methods above leaves the span to that thread, which sees how the request really ended
 * (the exception the application gets); and a span is ended by exactly one thread.
 *
 * <p>A call is forgotten as soon as its response has arrived, if the connection then says it is
 * connected: that flag alone keeps later calls ({@code getInputStream} after {@code getResponseCode})
 * from starting a span, and an entry left in {@link #CALLS} would be one weak reference per request
 * for the garbage collector. {@code disconnect()} clears the flag, so a forgotten connection that is
 * disconnected gets a {@link #DONE} entry back. (The HTTPS wrapper never sets its own flag: its calls
 * stay in the map.)
 */
public final class HttpUrlConnectionHelper {
  private static final CallDepth DEPTH = new CallDepth();
  private static final WeakKeyMap<HttpURLConnection, Call> CALLS = new WeakKeyMap<>();
  private static final Instrumenter<HttpURLConnection, Integer> INSTRUMENTER =
      HttpClientInstrumenters.create("http-url-connection", new HttpUrlConnectionAttributes());
  private static final TraceContextInjector<HttpURLConnection> INJECTOR =
      TraceContextInjector.create(RequestPropertySetter.INSTANCE);
  /** A connection whose span ended and was forgotten, then disconnected: nothing more to trace. */
  private static final Call DONE = Call.ended();

  private HttpUrlConnectionHelper() {}

  /**
   * One request on one connection: the span's context, whether it has ended, and how many threads are
   * inside a request method of the connection right now.
   */
  public static final class Call {
    /**
     * The span's context until the span ends, then null: a call can stay in {@link #CALLS} until its
     * connection is collected, and must not keep the ended span (and the request's server span in
     * the context) alive that long; it would survive every young GC in between.
     */
    Context context;
    final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();

    Call(Context context) {
      this.context = context;
    }

    static Call ended() {
      Call call = new Call(null);
      call.markEnded();
      return call;
    }

    boolean isEnded() {
      return ended.get();
    }

    /** True for the one caller that gets to end the span. */
    boolean markEnded() {
      return ended.compareAndSet(false, true);
    }
  }

  /** Returns the call to end at exit, or null when this method invocation has nothing to do. */
  public static Call enter(HttpURLConnection connection, boolean connected) {
    if (DEPTH.enter() > 0) {
      return null;
    }
    Call call = CALLS.get(connection);
    if (call != null) {
      if (call.isEnded()) {
        return null;
      }
      call.inFlight.incrementAndGet();
      return call;
    }
    if (connected) {
      // Connected before Weft saw it (retransformed mid-request): headers can no longer be added.
      return null;
    }
    Context parent = Context.current();
    if (!INSTRUMENTER.shouldStart(parent, connection)) {
      return null;
    }
    call = new Call(INSTRUMENTER.start(parent, connection));
    INJECTOR.inject(call.context, connection);
    call.inFlight.incrementAndGet();
    CALLS.put(connection, call);
    return call;
  }

  /** @param connected the connection's {@code connected} flag after the method returned */
  public static void exit(
      HttpURLConnection connection, Call call, Throwable error, String method, boolean connected) {
    if (DEPTH.exit() > 0 || call == null) {
      return;
    }
    call.inFlight.decrementAndGet();
    if (call.isEnded()) {
      return;
    }
    boolean readsResponse = method.equals("getInputStream") || method.equals("getResponseCode");
    if (!readsResponse && error == null) {
      return; // connected or body stream handed out: the response comes later
    }
    Integer status = null;
    if (error == null || isHttpStatusError(error)) {
      status = responseCode(connection);
    }
    end(connection, call, status, status != null ? null : error);
    if (status != null && connected) {
      CALLS.remove(connection);
    }
  }

  /**
   * The application gives the connection up. Ends a span that no thread is working on (connected,
   * maybe a body written, response never asked for); while another thread waits inside the
   * connection, that thread ends the span when disconnect() makes its call fail (or return).
   *
   * @param connected the connection's {@code connected} flag before {@code disconnect()} clears it
   */
  public static void disconnect(HttpURLConnection connection, boolean connected) {
    Call call = CALLS.get(connection);
    if (call == null) {
      if (connected) {
        CALLS.put(connection, DONE); // forgotten after its response; the flag will no longer say so
      }
      return;
    }
    if (call.inFlight.get() == 0) {
      end(connection, call, null, null);
    }
  }

  private static void end(HttpURLConnection connection, Call call, Integer status, Throwable error) {
    if (call.markEnded()) {
      Context context = call.context;
      call.context = null;
      INSTRUMENTER.end(context, connection, status, error);
    }
  }

  /** Whether the connection has an entry (tests). */
  static boolean isTracked(HttpURLConnection connection) {
    return CALLS.get(connection) != null;
  }

  /**
   * {@code getInputStream} reports 4xx/5xx responses as exceptions; the response itself is fine and
   * its status is the information. Connection failures (refused, timeout, unknown host) are not.
   */
  private static boolean isHttpStatusError(Throwable error) {
    if (error instanceof FileNotFoundException) {
      return true;
    }
    String message = error.getMessage();
    return error instanceof IOException
        && message != null
        && message.startsWith("Server returned HTTP response code");
  }

  private static Integer responseCode(HttpURLConnection connection) {
    DEPTH.enter(); // getResponseCode is itself woven: it must not start or end anything
    try {
      int code = connection.getResponseCode();
      return code > 0 ? code : null;
    } catch (Throwable t) {
      return null;
    } finally {
      DEPTH.exit();
    }
  }
}
