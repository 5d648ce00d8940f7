package dev.weft.instrumentation.servlet.undertow;

import dev.weft.instrumentation.servlet.bootstrap.ContainerAccessor;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Undertow's exchange (request and response in one) behind {@link ContainerAccessor}, for the span of a
 * response Undertow makes itself: the HTTP facts as the servlet modules read them, and nothing
 * servlet-specific (no servlet, no attributes, no async cycle: the exchange's completion ends the span).
 */
final class UndertowAccessor extends ContainerAccessor<HttpServerExchange, HttpServerExchange> {
  @Override
  public String getMethod(HttpServerExchange exchange) {
    return exchange.getRequestMethod().toString();
  }

  @Override
  public String getScheme(HttpServerExchange exchange) {
    return exchange.getRequestScheme();
  }

  @Override
  public String getRequestUri(HttpServerExchange exchange) {
    return exchange.getRequestURI();
  }

  /** Undertow gives "" for no query, the servlet API null. */
  @Override
  public String getQueryString(HttpServerExchange exchange) {
    String query = exchange.getQueryString();
    return query == null || query.isEmpty() ? null : query;
  }

  @Override
  public String getProtocol(HttpServerExchange exchange) {
    return exchange.getProtocol().toString();
  }

  @Override
  public String getRemoteAddr(HttpServerExchange exchange) {
    InetSocketAddress source = exchange.getSourceAddress();
    return source == null || source.getAddress() == null ? null : source.getAddress().getHostAddress();
  }

  @Override
  public int getRemotePort(HttpServerExchange exchange) {
    InetSocketAddress source = exchange.getSourceAddress();
    return source == null ? 0 : source.getPort();
  }

  @Override
  public String getHeader(HttpServerExchange exchange, String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  @Override
  public Enumeration<String> getHeaders(HttpServerExchange exchange, String name) {
    HeaderValues values = exchange.getRequestHeaders().get(name);
    return values == null ? null : Collections.enumeration(values);
  }

  @Override
  public Enumeration<String> getHeaderNames(HttpServerExchange exchange) {
    Collection<HttpString> names = exchange.getRequestHeaders().getHeaderNames();
    List<String> result = new ArrayList<>(names.size());
    for (HttpString name : names) {
      result.add(name.toString());
    }
    return Collections.enumeration(result);
  }

  @Override
  public Object getAttribute(HttpServerExchange exchange, String name) {
    return null;
  }

  @Override
  public void setAttribute(HttpServerExchange exchange, String name, Object value) {
    // no request attributes below the servlet layer; the container entry keeps its state in an attachment
  }

  @Override
  public int getStatus(HttpServerExchange exchange) {
    return exchange.getStatusCode();
  }

  @Override
  public boolean isCommitted(HttpServerExchange exchange) {
    return exchange.isResponseStarted();
  }

  @Override
  public void setResponseHeader(HttpServerExchange exchange, String name, String value) {
    exchange.getResponseHeaders().put(new HttpString(name), value);
  }

  @Override
  public Collection<String> getResponseHeaders(HttpServerExchange exchange, String name) {
    return exchange.getResponseHeaders().get(name);
  }
}
