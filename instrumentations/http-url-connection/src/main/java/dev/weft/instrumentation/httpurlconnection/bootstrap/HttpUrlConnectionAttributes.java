package dev.weft.instrumentation.httpurlconnection.bootstrap;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.List;

/** Reads the semantic-convention attributes off a connection; the response is its status code. */
final class HttpUrlConnectionAttributes implements HttpClientAttributesGetter<HttpURLConnection, Integer> {

  @Override
  public String getHttpRequestMethod(HttpURLConnection connection) {
    return connection.getRequestMethod();
  }

  @Override
  public String getUrlFull(HttpURLConnection connection) {
    return connection.getURL().toString();
  }

  @Override
  public String getServerAddress(HttpURLConnection connection) {
    return connection.getURL().getHost();
  }

  @Override
  public Integer getServerPort(HttpURLConnection connection) {
    URL url = connection.getURL();
    int port = url.getPort();
    return port > 0 ? port : url.getDefaultPort();
  }

  @Override
  public List<String> getHttpRequestHeader(HttpURLConnection connection, String name) {
    try {
      String value = connection.getRequestProperty(name);
      return value == null ? Collections.<String>emptyList() : Collections.singletonList(value);
    } catch (IllegalStateException alreadyConnected) {
      return Collections.emptyList();
    }
  }

  @Override
  public Integer getHttpResponseStatusCode(HttpURLConnection connection, Integer status, Throwable error) {
    return status;
  }

  @Override
  public List<String> getHttpResponseHeader(HttpURLConnection connection, Integer status, String name) {
    String value = connection.getHeaderField(name);
    return value == null ? Collections.<String>emptyList() : Collections.singletonList(value);
  }

  @Override
  public String getNetworkProtocolName(HttpURLConnection connection, Integer status) {
    return status == null ? null : "http";
  }

  @Override
  public String getNetworkProtocolVersion(HttpURLConnection connection, Integer status) {
    // HttpURLConnection speaks HTTP/1.1 only.
    return status == null ? null : "1.1";
  }
}
