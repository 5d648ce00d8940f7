package dev.weft.instrumentation.servlet.jakarta;

import dev.weft.instrumentation.servlet.bootstrap.ServerSpanState;
import dev.weft.instrumentation.servlet.bootstrap.ServletAccessor;
import dev.weft.instrumentation.servlet.bootstrap.ServletRoutes;
import java.util.Collection;
import java.util.Enumeration;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;

/** {@code jakarta.servlet} 5.0+ behind {@link ServletAccessor}. Uses nothing newer than 5.0. */
final class JakartaServletAccessor implements ServletAccessor<HttpServletRequest, HttpServletResponse> {
  @Override
  public String getMethod(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public String getScheme(HttpServletRequest request) {
    return request.getScheme();
  }

  @Override
  public String getRequestUri(HttpServletRequest request) {
    return request.getRequestURI();
  }

  @Override
  public String getQueryString(HttpServletRequest request) {
    return request.getQueryString();
  }

  @Override
  public String getProtocol(HttpServletRequest request) {
    return request.getProtocol();
  }

  @Override
  public String getRemoteAddr(HttpServletRequest request) {
    return request.getRemoteAddr();
  }

  @Override
  public int getRemotePort(HttpServletRequest request) {
    return request.getRemotePort();
  }

  @Override
  public String getHeader(HttpServletRequest request, String name) {
    return request.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(HttpServletRequest request, String name) {
    return request.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames(HttpServletRequest request) {
    return request.getHeaderNames();
  }

  @Override
  public Object getAttribute(HttpServletRequest request, String name) {
    return request.getAttribute(name);
  }

  @Override
  public void setAttribute(HttpServletRequest request, String name, Object value) {
    request.setAttribute(name, value);
  }

  @Override
  public String getContextPath(HttpServletRequest request) {
    return request.getContextPath();
  }

  @Override
  public String getServletPath(HttpServletRequest request) {
    return request.getServletPath();
  }

  @Override
  public String getPathInfo(HttpServletRequest request) {
    return request.getPathInfo();
  }

  @Override
  public boolean isAsyncStarted(HttpServletRequest request) {
    return request.isAsyncStarted();
  }

  @Override
  public void addAsyncListener(
      HttpServletRequest request,
      HttpServletResponse response,
      ServerSpanState<HttpServletRequest, HttpServletResponse> span) {
    request.getAsyncContext().addListener(new JakartaAsyncListener(span), request, response);
  }

  @Override
  public int getStatus(HttpServletResponse response) {
    return response.getStatus();
  }

  @Override
  public boolean isCommitted(HttpServletResponse response) {
    return response.isCommitted();
  }

  @Override
  public void setResponseHeader(HttpServletResponse response, String name, String value) {
    response.setHeader(name, value);
  }

  @Override
  public Collection<String> getResponseHeaders(HttpServletResponse response, String name) {
    return response.getHeaders(name);
  }

  /** The mapping of the servlet being entered: on a forward or include, the target's own. */
  @Override
  public String servletRoute(Object servlet, HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    if (mapping == null) {
      return null;
    }
    MappingMatch match = mapping.getMappingMatch();
    return ServletRoutes.fromMapping(request.getContextPath(), match == null ? null : match.name(), mapping.getPattern());
  }

  @Override
  public Throwable unwrapServletException(Throwable error) {
    Throwable cause = error instanceof ServletException ? ((ServletException) error).getRootCause() : null;
    return cause != null ? cause : error;
  }
}
