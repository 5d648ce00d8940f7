package dev.weft.instrumentation.servlet.bootstrap;

import java.util.Collection;
import java.util.Enumeration;

/**
 * What the shared servlet logic needs from a request and a response, implemented once per servlet API
 * generation ({@code javax.servlet}, {@code jakarta.servlet}). Implementations are thin one-line
 * delegations; everything with a decision in it lives in this package.
 *
 * <p>Every method may throw whatever the application's request or response wrapper throws; the callers
 * in this package contain that.
 */
public interface ServletAccessor<REQUEST, RESPONSE> {
  String getMethod(REQUEST request);

  String getScheme(REQUEST request);

  String getRequestUri(REQUEST request);

  String getQueryString(REQUEST request);

  /** The request line's protocol, e.g. {@code HTTP/1.1}. */
  String getProtocol(REQUEST request);

  String getRemoteAddr(REQUEST request);

  int getRemotePort(REQUEST request);

  String getHeader(REQUEST request, String name);

  /** Every value of the header, one per header line, in order; may be null (servlet spec). */
  Enumeration<String> getHeaders(REQUEST request, String name);

  Enumeration<String> getHeaderNames(REQUEST request);

  Object getAttribute(REQUEST request, String name);

  void setAttribute(REQUEST request, String name, Object value);

  String getContextPath(REQUEST request);

  String getServletPath(REQUEST request);

  String getPathInfo(REQUEST request);

  boolean isAsyncStarted(REQUEST request);

  /** Registers a listener that reports the end of the asynchronous cycle to {@code span}. */
  void addAsyncListener(REQUEST request, RESPONSE response, ServerSpanState<REQUEST, RESPONSE> span);

  int getStatus(RESPONSE response);

  boolean isCommitted(RESPONSE response);

  void setResponseHeader(RESPONSE response, String name, String value);

  Collection<String> getResponseHeaders(RESPONSE response, String name);

  /**
   * The route of the servlet handling the request, from its mapping ({@code /users/*}, {@code *.do},
   * an exact path; the context path included), or null when unknown.
   */
  String servletRoute(Object servlet, REQUEST request);

  /** The cause of a {@code ServletException} (the application's real error), else the error itself. */
  Throwable unwrapServletException(Throwable error);
}
