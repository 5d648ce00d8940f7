package dev.weft.instrumentation.servlet.jetty9;

import dev.weft.instrumentation.servlet.bootstrap.ContainerAccessor;
import java.util.Collection;
import java.util.Enumeration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Jetty 9.4 - 11's own request and response behind {@link ContainerAccessor}, for the span of a response
 * Jetty makes itself. Only methods Jetty's classes declare with no servlet type in their signature, so
 * the same bytecode links against javax (9.4, 10) and jakarta (11) Jetty. Nothing servlet-specific: no
 * servlet, no route, no async cycle (the channel's completion ends the span).
 */
final class Jetty9Accessor extends ContainerAccessor<Request, Response> {
  @Override
  public String getMethod(Request request) {
    return request.getMethod();
  }

  @Override
  public String getScheme(Request request) {
    return request.getScheme();
  }

  @Override
  public String getRequestUri(Request request) {
    return request.getRequestURI();
  }

  @Override
  public String getQueryString(Request request) {
    return request.getQueryString();
  }

  @Override
  public String getProtocol(Request request) {
    return request.getProtocol();
  }

  @Override
  public String getRemoteAddr(Request request) {
    return request.getRemoteAddr();
  }

  @Override
  public int getRemotePort(Request request) {
    return request.getRemotePort();
  }

  @Override
  public String getHeader(Request request, String name) {
    return request.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(Request request, String name) {
    return request.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames(Request request) {
    return request.getHeaderNames();
  }

  @Override
  public Object getAttribute(Request request, String name) {
    return request.getAttribute(name);
  }

  @Override
  public void setAttribute(Request request, String name, Object value) {
    request.setAttribute(name, value);
  }

  @Override
  public int getStatus(Response response) {
    return response.getStatus();
  }

  @Override
  public boolean isCommitted(Response response) {
    return response.isCommitted();
  }

  @Override
  public void setResponseHeader(Response response, String name, String value) {
    response.setHeader(name, value);
  }

  @Override
  public Collection<String> getResponseHeaders(Response response, String name) {
    return response.getHeaders(name);
  }
}
