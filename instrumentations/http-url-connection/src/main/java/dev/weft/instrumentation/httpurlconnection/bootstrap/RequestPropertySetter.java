package dev.weft.instrumentation.httpurlconnection.bootstrap;

import dev.weft.instrumentation.httpclient.bootstrap.TraceContextInjector;
import java.net.HttpURLConnection;

/**
 * The request properties of a connection not yet connected, for {@link TraceContextInjector}; never
 * throws into the application.
 */
enum RequestPropertySetter implements TraceContextInjector.Headers<HttpURLConnection> {
  INSTANCE;

  @Override
  public boolean isSet(HttpURLConnection connection, String name) {
    try {
      return connection.getRequestProperty(name) != null;
    } catch (RuntimeException alreadyConnected) {
      return true; // too late to add anything
    }
  }

  @Override
  public void set(HttpURLConnection connection, String name, String value) {
    try {
      connection.setRequestProperty(name, value);
    } catch (RuntimeException alreadyConnected) {
      // the span still records the call; only propagation is lost
    }
  }
}
