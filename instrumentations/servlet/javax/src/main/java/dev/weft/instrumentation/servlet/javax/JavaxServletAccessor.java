package dev.weft.instrumentation.servlet.javax;

import dev.weft.bootstrap.WeakKeyMap;
import dev.weft.instrumentation.servlet.bootstrap.ServerSpanState;
import dev.weft.instrumentation.servlet.bootstrap.ServletAccessor;
import dev.weft.instrumentation.servlet.bootstrap.ServletRoutes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import javax.servlet.Servlet;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.ServletRegistration;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code javax.servlet} 3.0+ behind {@link ServletAccessor}. Uses nothing newer than 3.0. */
final class JavaxServletAccessor implements ServletAccessor<HttpServletRequest, HttpServletResponse> {
  /** The url-patterns each servlet instance is registered under (3.x has no HttpServletMapping). */
  private static final WeakKeyMap<Servlet, Collection<String>> MAPPINGS = new WeakKeyMap<>();

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
    request.getAsyncContext().addListener(new JavaxAsyncListener(span), request, response);
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

  @Override
  public String servletRoute(Object servlet, HttpServletRequest request) {
    if (!(servlet instanceof Servlet)) {
      return null;
    }
    return ServletRoutes.fromRegistration(
        request.getContextPath(), mappings((Servlet) servlet), request.getServletPath(), request.getPathInfo());
  }

  private static Collection<String> mappings(Servlet servlet) {
    Collection<String> known = MAPPINGS.get(servlet);
    if (known != null) {
      return known;
    }
    Collection<String> found = Collections.emptyList();
    try {
      ServletConfig config = servlet.getServletConfig();
      ServletContext context = config == null ? null : config.getServletContext();
      String name = config == null ? null : config.getServletName();
      ServletRegistration registration = context == null || name == null ? null : context.getServletRegistration(name);
      Collection<String> mappings = registration == null ? null : registration.getMappings();
      if (mappings != null) {
        found = Collections.unmodifiableList(new ArrayList<>(mappings));
      }
    } catch (RuntimeException e) {
      // some containers refuse registration look-ups in some phases: the split alone must do
      return found;
    }
    if (!found.isEmpty()) {
      MAPPINGS.put(servlet, found); // not before init: a servlet without config may get one later
    }
    return found;
  }

  @Override
  public Throwable unwrapServletException(Throwable error) {
    Throwable cause = error instanceof ServletException ? ((ServletException) error).getRootCause() : null;
    return cause != null ? cause : error;
  }
}
