package dev.weft.instrumentation.httpclient.bootstrap;

import dev.weft.bootstrap.WeakKeyMap;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * For a client whose call starts on the caller's thread and whose attempts run later on the client's
 * own I/O threads (Apache HttpAsyncClient 4.x, HttpClient 5.x async): one span per physical attempt,
 * each a child of the context that was current where the application called {@code execute}.
 *
 * <p>Nothing is made current on an I/O thread: the call's context ({@link ClientCall}: resend count,
 * failure bookkeeping) is kept beside an object of the library that every stage of the call can see
 * (the 5.x call's future, the 4.x exchange handler), weakly, by identity. Attempt spans are started and
 * ended by explicit calls, never entered. The call ends once ({@link #endCall}): an attempt still open
 * then ends with it (with its response, or the call's failure), and a failure no attempt recorded
 * (connection refused, cancelled while waiting for a connection) gets a span of its own.
 */
public final class AsyncCallSpans<REQUEST, RESPONSE> {
  private static final WeakKeyMap<Object, Call<?, ?>> CALLS = new WeakKeyMap<>();

  private final Instrumenter<REQUEST, RESPONSE> instrumenter;

  public AsyncCallSpans(Instrumenter<REQUEST, RESPONSE> instrumenter) {
    this.instrumenter = instrumenter;
  }

  /** One call: its context, the request as the application made it (for a failure span), the open attempt. */
  static final class Call<REQUEST, RESPONSE> {
    final AsyncCallSpans<REQUEST, RESPONSE> spans;
    final Context context;
    final REQUEST request;
    volatile Attempt open;
    /** The request object the latest attempt's headers were written to (a retry may send it again). */
    volatile Object lastSent;
    final AtomicBoolean ended = new AtomicBoolean();

    Call(AsyncCallSpans<REQUEST, RESPONSE> spans, Context context, REQUEST request) {
      this.spans = spans;
      this.context = context;
      this.request = request;
    }

    void end(Throwable error) {
      if (!ended.compareAndSet(false, true)) {
        return; // ended under another key already
      }
      Attempt attempt = open;
      if (attempt != null) {
        spans.endAttempt(attempt, error);
      }
      if (error != null) {
        ClientCall.failed(spans.instrumenter, context, request, error);
      }
    }
  }

  /** One attempt: its span, and the response once its head arrived. */
  public static final class Attempt {
    final Context parent;
    final Context context;
    final Object request;
    final Object sent;
    final boolean resent;
    final AtomicBoolean ended = new AtomicBoolean();
    volatile Object response;

    Attempt(Context parent, Context context, Object request, Object sent, boolean resent) {
      this.parent = parent;
      this.context = context;
      this.request = request;
      this.sent = sent;
      this.resent = resent;
    }

    /** The span's context, to inject. */
    public Context context() {
      return context;
    }

    /** The request object that goes on the wire. */
    public Object sent() {
      return sent;
    }

    /**
     * Whether the request object already went out in an earlier attempt of this call, with the trace
     * headers written then: they are to be replaced, not kept as if the application had set them.
     */
    public boolean resent() {
      return resent;
    }

    public void setResponse(Object response) {
      this.response = response;
    }
  }

  /**
   * The injector for attempts, over the client's own view of its request headers: the trace headers
   * go on the request object the attempt sends. A header already there is the application's and is
   * kept, unless this very object went out in an earlier attempt of the call (a retry sends it again),
   * whose trace headers are then replaced.
   */
  public static <R> TraceContextInjector<Attempt> injector(final TraceContextInjector.Headers<R> requestHeaders) {
    return TraceContextInjector.create(
        new TraceContextInjector.Headers<Attempt>() {
          @Override
          @SuppressWarnings("unchecked")
          public boolean isSet(Attempt attempt, String name) {
            return !attempt.resent && requestHeaders.isSet((R) attempt.sent, name);
          }

          @Override
          @SuppressWarnings("unchecked")
          public void set(Attempt attempt, String name, String value) {
            requestHeaders.set((R) attempt.sent, name, value);
          }
        });
  }

  /**
   * On the caller's thread: the call's context is the current one. A second start for the same key
   * (the call's next stage) changes nothing.
   */
  public void startCall(Object key, REQUEST request) {
    if (key != null && CALLS.get(key) == null) {
      CALLS.put(key, new Call<>(this, ClientCall.start(Context.current()), request));
    }
  }

  /**
   * Makes the call registered under {@code existingKey} reachable under {@code key} too (a 4.x exchange
   * handler's future, which the application may cancel). The call still ends once.
   */
  public static void alias(Object key, Object existingKey) {
    Call<?, ?> call = key == null || existingKey == null ? null : CALLS.get(existingKey);
    if (call != null) {
      CALLS.put(key, call);
    }
  }

  /** The request the call was started with, or null. */
  @SuppressWarnings("unchecked")
  public REQUEST callRequest(Object key) {
    Call<?, ?> call = key == null ? null : CALLS.get(key);
    return call == null || call.spans != this ? null : (REQUEST) call.request;
  }

  /**
   * Starts (never enters) an attempt span, child of the call's context (of the current one when the
   * call is unknown). {@code sent} is the request object written to the wire. Null when no span is to
   * be made.
   */
  public Attempt startAttempt(Object key, REQUEST request, Object sent) {
    Call<?, ?> call = key == null ? null : CALLS.get(key);
    Context parent = call != null ? call.context : Context.current();
    if (!instrumenter.shouldStart(parent, request)) {
      return null;
    }
    Attempt attempt =
        new Attempt(parent, instrumenter.start(parent, request), request, sent, call != null && call.lastSent == sent);
    if (call != null) {
      Attempt previous = call.open;
      if (previous != null) {
        end(previous, null); // the client moved on without telling: never leave a span open
      }
      call.open = attempt;
      call.lastSent = sent;
    }
    return attempt;
  }

  /** The call's open attempt, or null. */
  public static Attempt openAttempt(Object key) {
    Call<?, ?> call = key == null ? null : CALLS.get(key);
    return call == null ? null : call.open;
  }

  /** Ends the attempt, once, with the response it recorded or the error. */
  public void endAttempt(Attempt attempt, Throwable error) {
    if (attempt != null) {
      end(attempt, error);
    }
  }

  @SuppressWarnings("unchecked")
  private void end(Attempt attempt, Throwable error) {
    if (attempt.ended.compareAndSet(false, true)) {
      instrumenter.end(
          attempt.context, (REQUEST) attempt.request, error == null ? (RESPONSE) attempt.response : null, error);
      ClientCall.attemptEnded(attempt.parent, error != null);
    }
  }

  /**
   * The call is over (its future completed, failed or was cancelled; its exchange closed): an attempt
   * still open ends now, and a failure no attempt span recorded gets its own span. Later calls for the
   * same key do nothing. Never throws.
   */
  public static void endCall(Object key, Throwable error) {
    try {
      Call<?, ?> call = key == null ? null : CALLS.remove(key);
      if (call != null) {
        call.end(error);
      }
    } catch (Throwable ignored) {
      // a lost span, never a changed outcome
    }
  }

  /** The call's future was cancelled: the call ends as failed by a {@link CancellationException}. */
  public static void cancelCall(Object key) {
    if (isOpen(key)) {
      endCall(key, new CancellationException("cancelled"));
    }
  }

  /** Whether a call is registered for this key (tests, diagnostics). */
  public static boolean isOpen(Object key) {
    return key != null && CALLS.get(key) != null;
  }

  /** How many calls are open right now (tests, diagnostics). */
  public static int openCalls() {
    return CALLS.size();
  }
}
