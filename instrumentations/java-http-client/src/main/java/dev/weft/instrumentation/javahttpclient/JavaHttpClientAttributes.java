package dev.weft.instrumentation.javahttpclient;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;

/** Reads the semantic-convention attributes off the application's request and the JDK's response. */
final class JavaHttpClientAttributes implements HttpClientAttributesGetter<HttpRequest, HttpResponse<?>> {

  @Override
  public String getHttpRequestMethod(HttpRequest request) {
    return request.method();
  }

  @Override
  public String getUrlFull(HttpRequest request) {
    return request.uri().toString();
  }

  @Override
  public String getServerAddress(HttpRequest request) {
    return request.uri().getHost();
  }

  @Override
  public Integer getServerPort(HttpRequest request) {
    URI uri = request.uri();
    int port = uri.getPort();
    if (port > 0) {
      return port;
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  @Override
  public List<String> getHttpRequestHeader(HttpRequest request, String name) {
    return request.headers().allValues(name);
  }

  @Override
  public Integer getHttpResponseStatusCode(HttpRequest request, HttpResponse<?> response, Throwable error) {
    return response == null ? null : response.statusCode();
  }

  @Override
  public List<String> getHttpResponseHeader(HttpRequest request, HttpResponse<?> response, String name) {
    return response == null ? Collections.<String>emptyList() : response.headers().allValues(name);
  }

  @Override
  public String getNetworkProtocolName(HttpRequest request, HttpResponse<?> response) {
    return response == null ? null : "http";
  }

  @Override
  public String getNetworkProtocolVersion(HttpRequest request, HttpResponse<?> response) {
    if (response == null) {
      return null;
    }
    return response.version() == HttpClient.Version.HTTP_2 ? "2" : "1.1";
  }
}
