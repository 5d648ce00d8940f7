package dev.weft.instrumentation.apachehttpclient.v4;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.HttpMessage;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.ProtocolVersion;
import org.apache.http.client.methods.HttpRequestWrapper;
import org.apache.http.client.methods.HttpUriRequest;

/** Reads the semantic-convention attributes off a request (with its target) and a response. */
public final class ApacheHttpClient4Attributes implements HttpClientAttributesGetter<ApacheRequest, HttpResponse> {

  @Override
  public String getHttpRequestMethod(ApacheRequest r) {
    return r.request.getRequestLine().getMethod();
  }

  /**
   * The application's (or the redirect's) absolute URI when the request has one; otherwise the
   * target host and the request line ({@code ProtocolExec} makes the wrapper's URI relative).
   */
  @Override
  public String getUrlFull(ApacheRequest r) {
    HttpRequest request = r.request instanceof HttpRequestWrapper ? ((HttpRequestWrapper) r.request).getOriginal() : r.request;
    if (request instanceof HttpUriRequest) {
      URI uri = ((HttpUriRequest) request).getURI();
      if (uri != null && uri.isAbsolute()) {
        return uri.toString();
      }
    }
    String line = r.request.getRequestLine().getUri();
    if (line.startsWith("/") && r.target != null) {
      return r.target.toURI() + line;
    }
    return line;
  }

  @Override
  public String getServerAddress(ApacheRequest r) {
    return r.target == null ? null : r.target.getHostName();
  }

  @Override
  public Integer getServerPort(ApacheRequest r) {
    HttpHost target = r.target;
    if (target == null) {
      return null;
    }
    if (target.getPort() > 0) {
      return target.getPort();
    }
    return "https".equalsIgnoreCase(target.getSchemeName()) ? 443 : 80;
  }

  @Override
  public List<String> getHttpRequestHeader(ApacheRequest r, String name) {
    return values(r.request, name);
  }

  @Override
  public Integer getHttpResponseStatusCode(ApacheRequest r, HttpResponse response, Throwable error) {
    return response == null || response.getStatusLine() == null ? null : response.getStatusLine().getStatusCode();
  }

  @Override
  public List<String> getHttpResponseHeader(ApacheRequest r, HttpResponse response, String name) {
    return response == null ? Collections.<String>emptyList() : values(response, name);
  }

  @Override
  public String getNetworkProtocolName(ApacheRequest r, HttpResponse response) {
    return response == null ? null : "http";
  }

  @Override
  public String getNetworkProtocolVersion(ApacheRequest r, HttpResponse response) {
    ProtocolVersion version = response == null ? null : response.getProtocolVersion();
    return version == null ? null : version.getMajor() + "." + version.getMinor();
  }

  private static List<String> values(HttpMessage message, String name) {
    Header[] headers = message.getHeaders(name);
    if (headers.length == 0) {
      return Collections.emptyList();
    }
    List<String> values = new ArrayList<>(headers.length);
    for (Header h : headers) {
      values.add(h.getValue());
    }
    return values;
  }
}
