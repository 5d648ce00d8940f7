package dev.weft.instrumentation.okhttp;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * The one place where the OkHttp instrumentation carries context across threads (to be replaced by
 * Weft's general executor propagation once it exists): the callback given to {@code enqueue} is
 * wrapped with the caller's context, and the dispatcher task that runs the call makes it current for
 * exactly as long as it runs (interceptors, network, the application's callback), then restores the
 * dispatcher thread's own (empty) context. Public: the advice calling it is inlined into OkHttp's package.
 */
public final class EnqueueContext implements Callback {
  private final Callback delegate;
  private final Context context;

  private EnqueueContext(Callback delegate, Context context) {
    this.delegate = delegate;
    this.context = context;
  }

  public static Callback wrap(Callback callback) {
    if (callback == null || callback instanceof EnqueueContext) {
      return callback; // OkHttp's own null check must still fire; never wrap twice
    }
    return new EnqueueContext(callback, Context.current());
  }

  /** At the start of the dispatcher's task; null when the call was not wrapped. */
  public static Scope enter(Callback callback) {
    if (callback instanceof EnqueueContext) {
      return ((EnqueueContext) callback).context.makeCurrent();
    }
    return null;
  }

  @Override
  public void onFailure(Call call, IOException e) {
    delegate.onFailure(call, e);
  }

  @Override
  public void onResponse(Call call, Response response) throws IOException {
    delegate.onResponse(call, response);
  }
}
