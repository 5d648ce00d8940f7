package dev.weft.instrumentation.apachehttpclient.v5;

import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;

/** A request and the host it goes to (the request alone may hold only a path). */
public final class ApacheRequest {
  final HttpHost target;
  final HttpRequest request;

  public ApacheRequest(HttpHost target, HttpRequest request) {
    this.target = target;
    this.request = request;
  }
}
