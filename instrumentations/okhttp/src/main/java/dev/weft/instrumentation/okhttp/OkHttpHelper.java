package dev.weft.instrumentation.okhttp;

import dev.weft.instrumentation.httpclient.bootstrap.HttpClientInstrumenters;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The instrumenter, and what the {@code OkHttpClient} constructor advice calls. */
public final class OkHttpHelper {
  static final Instrumenter<Request, Response> INSTRUMENTER =
      HttpClientInstrumenters.create("okhttp", new OkHttpAttributes());

  private OkHttpHelper() {}

  /**
   * First among the application interceptors: the call's context (resend count, the caller's context
   * for enqueued calls) is set before any of the application's interceptors run. Last among the network
   * interceptors: it sees the request exactly as it goes out (a traceparent an application network
   * interceptor sets is kept), once per attempt. A builder reused for several clients, or one made by
   * {@code client.newBuilder()}, already holds them: never added twice.
   */
  public static void addInterceptors(OkHttpClient.Builder builder) {
    List<Interceptor> application = builder.interceptors();
    if (!application.contains(CallInterceptor.INSTANCE)) {
      application.add(0, CallInterceptor.INSTANCE);
    }
    List<Interceptor> network = builder.networkInterceptors();
    network.remove(NetworkInterceptor.INSTANCE);
    network.add(NetworkInterceptor.INSTANCE);
  }
}
