package dev.weft.instrumentation.httpclient.app;

/**
 * The ways service A can call service B: one constant per client API, naming the instrumentation
 * scope its CLIENT span must come from and the method that makes the call. Adding a client is one
 * static method (in the family's {@code ...Calls} class) and one constant here; the test runs every
 * constant.
 */
public enum Client {
  HTTP_URL_CONNECTION("dev.weft.http-url-connection", JdkCalls::httpUrlConnection),
  JAVA_HTTP_CLIENT_SEND("dev.weft.java-http-client", JdkCalls::send),
  JAVA_HTTP_CLIENT_SEND_ASYNC("dev.weft.java-http-client", JdkCalls::sendAsync),
  OKHTTP_EXECUTE("dev.weft.okhttp", OkHttpCalls::execute),
  OKHTTP_ENQUEUE("dev.weft.okhttp", OkHttpCalls::enqueue),
  APACHE_HTTPCLIENT_4_CLASSIC("dev.weft.apache-httpclient", ApacheHttpClient4Calls::execute),
  APACHE_HTTPCLIENT_5_CLASSIC("dev.weft.apache-httpclient", ApacheHttpClient5Calls::execute),
  APACHE_HTTPCLIENT_5_ASYNC("dev.weft.apache-httpclient", ApacheHttpClient5Calls::executeAsync),
  APACHE_HTTPASYNCCLIENT_4("dev.weft.apache-httpasyncclient", ApacheHttpClient4Calls::executeAsync);

  /** A GET of the URL; returns {@code <status> <body>}. */
  interface Call {
    String get(String url) throws Exception;
  }

  /** The instrumentation scope of the CLIENT span this client makes. */
  public final String scope;
  final Call call;

  Client(String scope, Call call) {
    this.scope = scope;
    this.call = call;
  }

  /** The path segment service A serves this client under, and service B answers it under. */
  public String path() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
