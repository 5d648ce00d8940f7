package dev.weft.instrumentation.apachehttpclient.v5;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.MessageHeaders;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.net.URIAuthority;

/** Reads the semantic-convention attributes off a request (and its target) and a response. */
public final class ApacheHttpClient5Attributes implements HttpClientAttributesGetter<ApacheRequest, HttpResponse> {

  @Override
  public String getHttpRequestMethod(ApacheRequest r) {
    return r.request.getMethod();
  }

  @Override
  public String getUrlFull(ApacheRequest r) {
    String scheme = r.request.getScheme() != null ? r.request.getScheme() : r.target != null ? r.target.getSchemeName() : null;
    URIAuthority authority = r.request.getAuthority();
    String host = authority != null ? authority.toString() : r.target != null ? r.target.toHostString() : null;
    String path = r.request.getPath();
    if (scheme == null || host == null) {
      return path;
    }
    return scheme + "://" + host + (path == null ? "" : path);
  }

  @Override
  public String getServerAddress(ApacheRequest r) {
    URIAuthority authority = r.request.getAuthority();
    if (authority != null) {
      return authority.getHostName();
    }
    return r.target == null ? null : r.target.getHostName();
  }

  @Override
  public Integer getServerPort(ApacheRequest r) {
    URIAuthority authority = r.request.getAuthority();
    int port = authority != null ? authority.getPort() : r.target != null ? r.target.getPort() : -1;
    if (port > 0) {
      return port;
    }
    String scheme = r.request.getScheme() != null ? r.request.getScheme() : r.target != null ? r.target.getSchemeName() : "http";
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  @Override
  public List<String> getHttpRequestHeader(ApacheRequest r, String name) {
    return values(r.request, name);
  }

  @Override
  public Integer getHttpResponseStatusCode(ApacheRequest r, HttpResponse response, Throwable error) {
    return response == null ? null : response.getCode();
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
    ProtocolVersion version = response == null ? null : response.getVersion();
    if (version == null) {
      return null;
    }
    return version.getMajor() >= 2 ? String.valueOf(version.getMajor()) : version.getMajor() + "." + version.getMinor();
  }

  private static List<String> values(MessageHeaders message, String name) {
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
