package dev.weft.instrumentation.servlet.bootstrap;

import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The semantic-convention attributes of a servlet request. Only raw facts: the instrumentation API
 * decides the rest ({@code _OTHER} methods, {@code client.address} from {@code Forwarded} /
 * {@code X-Forwarded-For} then the peer, {@code server.address} from the {@code Host} header, query
 * redaction, header capture).
 */
final class ServletHttpAttributes<REQUEST, RESPONSE> implements HttpServerAttributesGetter<REQUEST, RESPONSE> {
  private final ServletAccessor<REQUEST, RESPONSE> accessor;

  ServletHttpAttributes(ServletAccessor<REQUEST, RESPONSE> accessor) {
    this.accessor = accessor;
  }

  @Override
  public String getHttpRequestMethod(REQUEST request) {
    return accessor.getMethod(request);
  }

  @Override
  public String getUrlScheme(REQUEST request) {
    return accessor.getScheme(request);
  }

  @Override
  public String getUrlPath(REQUEST request) {
    return accessor.getRequestUri(request);
  }

  @Override
  public String getUrlQuery(REQUEST request) {
    return accessor.getQueryString(request);
  }

  @Override
  public List<String> getHttpRequestHeader(REQUEST request, String name) {
    // Most headers asked for on every request (forwarded, x-forwarded-*, often user-agent) are absent:
    // getHeader answers that without the enumeration and list that getHeaders costs.
    if (accessor.getHeader(request, name) == null) {
      return Collections.emptyList();
    }
    Enumeration<String> values = accessor.getHeaders(request, name);
    return values == null ? Collections.<String>emptyList() : Collections.list(values);
  }

  /**
   * An exception that escaped the servlet before the response was committed makes the container send
   * 500, whatever status the application had set; once committed, the client has what was sent (as
   * it was when the exception escaped, if the container's entry ends the span after its own handling).
   */
  @Override
  public Integer getHttpResponseStatusCode(REQUEST request, RESPONSE response, Throwable error) {
    if (response == null) {
      return null;
    }
    if (error != null) {
      Object state = accessor.getAttribute(request, ServletServerTracer.SPAN_ATTRIBUTE);
      if (state instanceof ServerSpanState && ((ServerSpanState<?, ?>) state).committedStatusAtEscape > 0) {
        return ((ServerSpanState<?, ?>) state).committedStatusAtEscape;
      }
      if (!accessor.isCommitted(response)) {
        return 500;
      }
    }
    int status = accessor.getStatus(response);
    return status > 0 ? status : null;
  }

  @Override
  public List<String> getHttpResponseHeader(REQUEST request, RESPONSE response, String name) {
    if (response == null) {
      return Collections.emptyList();
    }
    Collection<String> values = accessor.getResponseHeaders(response, name);
    return values == null || values.isEmpty() ? Collections.<String>emptyList() : new ArrayList<>(values);
  }

  @Override
  public String getNetworkProtocolName(REQUEST request, RESPONSE response) {
    String protocol = accessor.getProtocol(request);
    return protocol != null && protocol.startsWith("HTTP/") ? "http" : null;
  }

  @Override
  public String getNetworkProtocolVersion(REQUEST request, RESPONSE response) {
    return protocolVersion(accessor.getProtocol(request));
  }

  /** {@code HTTP/1.1} → {@code 1.1}; {@code HTTP/2.0} → {@code 2} (semantic conventions: major only for 2+). */
  static String protocolVersion(String protocol) {
    if (protocol == null || !protocol.startsWith("HTTP/") || protocol.length() == 5) {
      return null;
    }
    String version = protocol.substring(5);
    if (version.equals("2.0")) {
      return "2";
    }
    if (version.equals("3.0")) {
      return "3";
    }
    return version;
  }

  @Override
  public String getNetworkPeerAddress(REQUEST request, RESPONSE response) {
    return accessor.getRemoteAddr(request);
  }

  @Override
  public Integer getNetworkPeerPort(REQUEST request, RESPONSE response) {
    int port = accessor.getRemotePort(request);
    return port > 0 ? port : null;
  }
}
