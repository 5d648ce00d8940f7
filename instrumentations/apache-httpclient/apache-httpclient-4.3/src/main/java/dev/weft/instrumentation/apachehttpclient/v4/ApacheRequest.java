package dev.weft.instrumentation.apachehttpclient.v4;

import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;

/** A request and the host it goes to (the request line alone may hold only a path). */
public final class ApacheRequest {
  final HttpHost target;
  final HttpRequest request;

  public ApacheRequest(HttpHost target, HttpRequest request) {
    this.target = target;
    this.request = request;
  }

  public HttpHost target() {
    return target;
  }
}
