package dev.weft.instrumentation.okhttp;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import java.util.Collections;
import java.util.List;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/** Reads the semantic-convention attributes off one attempt's request and response. */
final class OkHttpAttributes implements HttpClientAttributesGetter<Request, Response> {

  @Override
  public String getHttpRequestMethod(Request request) {
    return request.method();
  }

  @Override
  public String getUrlFull(Request request) {
    return request.url().toString();
  }

  @Override
  public String getServerAddress(Request request) {
    return request.url().host();
  }

  @Override
  public Integer getServerPort(Request request) {
    return request.url().port();
  }

  @Override
  public List<String> getHttpRequestHeader(Request request, String name) {
    return request.headers(name);
  }

  @Override
  public Integer getHttpResponseStatusCode(Request request, Response response, Throwable error) {
    return response == null ? null : response.code();
  }

  @Override
  public List<String> getHttpResponseHeader(Request request, Response response, String name) {
    return response == null ? Collections.<String>emptyList() : response.headers(name);
  }

  @Override
  public String getNetworkProtocolName(Request request, Response response) {
    return response == null ? null : "http";
  }

  @Override
  public String getNetworkProtocolVersion(Request request, Response response) {
    if (response == null) {
      return null;
    }
    Protocol protocol = response.protocol();
    if (protocol == Protocol.HTTP_1_1) {
      return "1.1";
    }
    if (protocol == Protocol.HTTP_1_0) {
      return "1.0";
    }
    // HTTP_2, and H2_PRIOR_KNOWLEDGE from 3.11, by name: the constant does not exist in 3.0.
    String name = protocol.toString();
    return name.startsWith("h2") ? "2" : null;
  }
}
