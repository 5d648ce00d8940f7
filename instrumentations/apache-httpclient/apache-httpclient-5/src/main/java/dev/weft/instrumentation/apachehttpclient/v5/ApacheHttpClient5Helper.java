package dev.weft.instrumentation.apachehttpclient.v5;

import dev.weft.instrumentation.httpclient.bootstrap.ClientCall;
import dev.weft.instrumentation.httpclient.bootstrap.HttpClientInstrumenters;
import dev.weft.instrumentation.httpclient.bootstrap.TraceContextInjector;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;

/**
 * What the classic-client advice calls: a call context around {@code doExecute} (see {@link
 * ClientCall}), one span per {@code MainClientExec.execute}.
 */
public final class ApacheHttpClient5Helper {
  static final Instrumenter<ApacheRequest, HttpResponse> INSTRUMENTER =
      HttpClientInstrumenters.create("apache-httpclient", new ApacheHttpClient5Attributes());
  private static final TraceContextInjector<HttpRequest> INJECTOR = TraceContextInjector.create(new RequestHeaders());

  private ApacheHttpClient5Helper() {}

  /** One {@code doExecute}: the call's context, current while it runs. */
  public static final class Call {
    final Context context;
    final Scope scope;
    final ApacheRequest request;

    Call(Context context, ApacheRequest request) {
      this.context = context;
      this.scope = context.makeCurrent();
      this.request = request;
    }
  }

  /** One attempt: its span's context, current while it runs. */
  public static final class Attempt {
    final Context parent;
    final Context context;
    final Scope scope;
    final ApacheRequest request;

    Attempt(Context parent, Context context, ApacheRequest request) {
      this.parent = parent;
      this.context = context;
      this.scope = context.makeCurrent();
      this.request = request;
    }
  }

  public static Call startCall(HttpHost target, ClassicHttpRequest request) {
    if (request == null) {
      return null;
    }
    return new Call(ClientCall.start(Context.current()), new ApacheRequest(target, request));
  }

  public static void endCall(Call call, Throwable error) {
    if (call == null) {
      return;
    }
    call.scope.close();
    if (error != null) {
      ClientCall.failed(INSTRUMENTER, call.context, call.request, error);
    }
  }

  public static Attempt startAttempt(ClassicHttpRequest request, ExecChain.Scope scope) {
    if (request == null) {
      return null;
    }
    Context parent = Context.current();
    ApacheRequest attempt = new ApacheRequest(scope == null ? null : scope.route.getTargetHost(), request);
    if (!INSTRUMENTER.shouldStart(parent, attempt)) {
      return null;
    }
    Context context = INSTRUMENTER.start(parent, attempt);
    INJECTOR.inject(context, request);
    return new Attempt(parent, context, attempt);
  }

  public static void endAttempt(Attempt attempt, HttpResponse response, Throwable error) {
    if (attempt == null) {
      return;
    }
    attempt.scope.close();
    INSTRUMENTER.end(attempt.context, attempt.request, error == null ? response : null, error);
    ClientCall.attemptEnded(attempt.parent, error != null);
  }

  /** The client's copy of the request is mutable; a header the application set is on it already. */
  static final class RequestHeaders implements TraceContextInjector.Headers<HttpRequest> {
    @Override
    public boolean isSet(HttpRequest request, String name) {
      return request.containsHeader(name);
    }

    @Override
    public void set(HttpRequest request, String name, String value) {
      request.setHeader(name, value);
    }
  }
}
