package dev.weft.instrumentation.servlet.jetty12;

import dev.weft.instrumentation.servlet.bootstrap.ContainerAccessor;
import java.util.Collection;
import java.util.Enumeration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Jetty 12's core request and response behind {@link ContainerAccessor}, for the span of a response Jetty
 * makes itself: the HTTP facts as the servlet modules read them, and nothing servlet-specific (no
 * servlet, no context path, no async cycle: the completion of the stream ends the span).
 */
final class Jetty12Accessor extends ContainerAccessor<Request, Response> {
  @Override
  public String getMethod(Request request) {
    return request.getMethod();
  }

  @Override
  public String getScheme(Request request) {
    return request.getHttpURI().getScheme();
  }

  @Override
  public String getRequestUri(Request request) {
    return request.getHttpURI().getPath();
  }

  @Override
  public String getQueryString(Request request) {
    return request.getHttpURI().getQuery();
  }

  @Override
  public String getProtocol(Request request) {
    return request.getConnectionMetaData().getProtocol();
  }

  @Override
  public String getRemoteAddr(Request request) {
    return Request.getRemoteAddr(request);
  }

  @Override
  public int getRemotePort(Request request) {
    return Request.getRemotePort(request);
  }

  @Override
  public String getHeader(Request request, String name) {
    return request.getHeaders().get(name);
  }

  @Override
  public Enumeration<String> getHeaders(Request request, String name) {
    return request.getHeaders().getValues(name);
  }

  @Override
  public Enumeration<String> getHeaderNames(Request request) {
    return request.getHeaders().getFieldNames();
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
    response.getHeaders().put(name, value);
  }

  @Override
  public Collection<String> getResponseHeaders(Response response, String name) {
    return response.getHeaders().getValuesList(name);
  }
}
