package dev.weft.instrumentation.httpclient.bootstrap;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;

/**
 * For a client whose call and attempts are two methods on one thread (Apache HttpClient 4 and 5
 * classic: {@code doExecute} runs the exec chain, whose last element sends each attempt): the call's
 * context ({@link ClientCall}) current around the call, one span per attempt current around the
 * attempt. The advice keeps what {@code start...} returned and hands it to {@code end...}.
 */
public final class CallAttemptSpans<REQUEST, RESPONSE> {
  private final Instrumenter<REQUEST, RESPONSE> instrumenter;

  public CallAttemptSpans(Instrumenter<REQUEST, RESPONSE> instrumenter) {
    this.instrumenter = instrumenter;
  }

  /** One call, its context current until {@link #endCall}. */
  public static final class Call {
    final Context context;
    final Scope scope;
    final Object request;

    Call(Context context, Object request) {
      this.context = context;
      this.request = request;
      this.scope = context.makeCurrent();
    }
  }

  /** One attempt, its span's context current until {@link #endAttempt}. */
  public static final class Attempt {
    final Context parent;
    final Context context;
    final Scope scope;
    final Object request;

    Attempt(Context parent, Context context, Object request) {
      this.parent = parent;
      this.context = context;
      this.request = request;
      this.scope = context.makeCurrent();
    }

    /** The span's context, to inject. */
    public Context context() {
      return context;
    }
  }

  public Call startCall(REQUEST request) {
    return new Call(ClientCall.start(Context.current()), request);
  }

  @SuppressWarnings("unchecked")
  public void endCall(Call call, Throwable error) {
    call.scope.close();
    if (error != null) {
      ClientCall.failed(instrumenter, call.context, (REQUEST) call.request, error);
    }
  }

  /** Null when no span is to be made (a CLIENT span is current already: a client within a client). */
  public Attempt startAttempt(REQUEST request) {
    Context parent = Context.current();
    if (!instrumenter.shouldStart(parent, request)) {
      return null;
    }
    return new Attempt(parent, instrumenter.start(parent, request), request);
  }

  @SuppressWarnings("unchecked")
  public void endAttempt(Attempt attempt, RESPONSE response, Throwable error) {
    attempt.scope.close();
    instrumenter.end(attempt.context, (REQUEST) attempt.request, error == null ? response : null, error);
    ClientCall.attemptEnded(attempt.parent, error != null);
  }
}
