package dev.weft.instrumentation.httpurlconnection.bootstrap;

import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.HttpURLConnection;

/** Puts {@code traceparent}/{@code tracestate} on the request; never throws into the application. */
enum RequestPropertySetter implements TextMapSetter<HttpURLConnection> {
  INSTANCE;

  @Override
  public void set(HttpURLConnection connection, String key, String value) {
    if (connection == null) {
      return;
    }
    try {
      connection.setRequestProperty(key, value);
    } catch (IllegalStateException alreadyConnected) {
      // the span still records the call; only propagation is lost
    }
  }
}
