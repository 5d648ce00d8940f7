package com.example.servletapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.FilterRegistration;
import javax.servlet.Servlet;
import javax.servlet.ServletContext;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.ServletException;
import javax.servlet.ServletRegistration;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The web application every container under test runs, registered programmatically so that one
 * listener deploys the same servlets on Tomcat, Jetty and Undertow. Written against javax.servlet
 * 3.0 methods only; the build derives the jakarta.servlet copy by replacing the package name.
 * A filter mapped to every path and dispatch type sits in front of everything, as in real apps.
 */
public final class Scenarios implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    FilterRegistration.Dynamic filter = context.addFilter("pass", new PassFilter());
    filter.setAsyncSupported(true);
    filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    add(context, "hello", new HelloServlet(), "/hello");
    add(context, "users", new PathInfoServlet(), "/users/*");
    add(context, "action", new PathInfoServlet(), "*.do");
    add(context, "forward", new ForwardServlet(), "/forward");
    add(context, "include", new IncludeServlet(), "/include");
    add(context, "fail", new FailServlet(), "/fail");
    add(context, "status", new StatusServlet(), "/status");
    add(context, "echo", new EchoServlet(), "/echo");
    add(context, "spring", new SpringLikeServlet(), "/spring/*");
    add(context, "async", new AsyncServlet(), "/async");
    add(context, "asyncDispatch", new AsyncDispatchServlet(), "/async-dispatch");
    add(context, "asyncTimeout", new AsyncTimeoutServlet(), "/async-timeout");
    add(context, "hostile", new HostileServlet(), "/hostile");
    add(context, "errorPage", new ErrorPageServlet(), ERROR_PAGE);
  }

  /**
   * The error page every launcher registers for {@link ErrorPageException} (the container's own
   * configuration, as web.xml's error-page would: servlet 3.0 has no API for it).
   */
  public static final String ERROR_PAGE = "/error-page";

  @Override
  public void contextDestroyed(ServletContextEvent event) {}

  private static void add(ServletContext context, String name, Servlet servlet, String mapping) {
    ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
    registration.setAsyncSupported(true);
    registration.addMapping(mapping);
  }

  static void write(ServletResponse response, String body) throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(body);
  }

  /** GET to this application's echo servlet: a CLIENT span through the agent's HttpURLConnection instrumentation. */
  static int callDownstream(HttpServletRequest request) throws IOException {
    return callDownstream(downstreamUrl(request));
  }

  /**
   * Read on the request's own thread: outside a container dispatch (an AsyncContext.start task) Jetty
   * 9.4 no longer answers the request's context path.
   */
  static URL downstreamUrl(HttpServletRequest request) throws IOException {
    String query = request.getParameter("case");
    return new URL("http://127.0.0.1:" + request.getLocalPort() + request.getContextPath() + "/echo?case=" + query + "-downstream");
  }

  static int callDownstream(URL url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    try {
      int status = connection.getResponseCode();
      try (InputStream in = connection.getInputStream()) {
        while (in.read() >= 0) {
          // drain
        }
      }
      return status;
    } finally {
      connection.disconnect();
    }
  }

  /** Passes everything on, except /blocked, which it answers itself (no servlet is reached). */
  static final class PassFilter implements Filter {
    @Override
    public void init(FilterConfig config) {}

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      if (((HttpServletRequest) request).getRequestURI().endsWith("/blocked")) {
        ((HttpServletResponse) response).setStatus(403);
        write(response, "blocked by filter");
        return;
      }
      chain.doFilter(request, response);
    }

    @Override
    public void destroy() {}
  }

  static final class HelloServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      write(response, "hello");
    }
  }

  static final class PathInfoServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      write(response, "servlet path " + request.getServletPath() + ", path info " + request.getPathInfo());
    }
  }

  static final class ForwardServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      request.getRequestDispatcher("/hello").forward(request, response);
    }
  }

  static final class IncludeServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write("before;");
      request.getRequestDispatcher("/hello").include(request, response);
      response.getWriter().write(";after");
    }
  }

  static final class FailServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      String kind = request.getParameter("kind");
      if ("error-page".equals(kind)) {
        throw new ErrorPageException("goes to the error page");
      }
      if ("runtime".equals(kind)) {
        throw new IllegalArgumentException("bad argument");
      }
      if ("committed".equals(kind)) {
        write(response, "partial answer");
        response.flushBuffer();
        throw new IllegalStateException("failed after commit");
      }
      throw new ServletException("wrapped", new IllegalStateException("root cause"));
    }
  }

  /** Thrown to reach the error page the launchers register. */
  public static final class ErrorPageException extends RuntimeException {
    ErrorPageException(String message) {
      super(message);
    }
  }

  /** Renders what the container hands an error page. */
  static final class ErrorPageServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Object error = request.getAttribute(javax.servlet.RequestDispatcher.ERROR_EXCEPTION);
      write(response, "error page for " + (error == null ? "nothing" : error.getClass().getSimpleName()));
    }
  }

  static final class StatusServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      int code = Integer.parseInt(request.getParameter("code"));
      if (request.getParameter("send") != null) {
        response.sendError(code);
        return;
      }
      response.setStatus(code);
      write(response, "status " + code);
    }
  }

  /** Every line of the trace headers it received, and a response header for header capture. */
  static final class EchoServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      StringBuilder body = new StringBuilder();
      for (String name : new String[] {"traceparent", "tracestate", "x-multi"}) {
        List<String> values = Collections.list(request.getHeaders(name));
        body.append(name).append(": ").append(values).append('\n');
      }
      response.addHeader("X-Resp", "r1");
      response.addHeader("X-Resp", "r2");
      write(response, body.toString());
    }
  }

  /** What Spring MVC's DispatcherServlet leaves on the request after choosing a controller. */
  static final class SpringLikeServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      request.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/orders/{id}");
      write(response, "order " + request.getPathInfo());
    }
  }

  /** The work, including a downstream call, runs on a container thread via AsyncContext.start. */
  static final class AsyncServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      URL downstream = downstreamUrl(request);
      AsyncContext async = request.startAsync();
      async.start(
          () -> {
            try {
              int status = callDownstream(downstream);
              write(async.getResponse(), "async done, downstream " + status);
            } catch (IOException | RuntimeException e) {
              ((HttpServletResponse) async.getResponse()).setStatus(502);
              try {
                write(async.getResponse(), "downstream failed: " + e);
              } catch (IOException ignored) {
                // the status says it
              }
            } finally {
              async.complete();
            }
          });
    }
  }

  /** Starts async, dispatches back to itself from a container thread; the dispatched run calls out. */
  static final class AsyncDispatchServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (request.getDispatcherType() == DispatcherType.ASYNC) {
        int status = callDownstream(request);
        write(response, "dispatched, downstream " + status);
        return;
      }
      AsyncContext async = request.startAsync();
      async.start(async::dispatch);
    }
  }

  /** Never completes: the container's async timeout ends the request. */
  static final class AsyncTimeoutServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      AsyncContext async = request.startAsync();
      async.setTimeout(300);
    }
  }

  /**
   * Hands a request/response wrapper that throws from every method Weft reads to a servlet's
   * service method, once on the request thread (inside the request's span) and once on a fresh
   * thread (where that call is the outermost entry). The inner servlet itself uses none of them.
   */
  static final class HostileServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      response.setContentType("text/plain;charset=UTF-8");
      Servlet inner = new InnerServlet();
      inner.service(new HostileRequest(request), new HostileResponse(response));
      Throwable[] failure = new Throwable[1];
      Thread thread =
          new Thread(
              () -> {
                try {
                  inner.service(new HostileRequest(request), new HostileResponse(response));
                } catch (Throwable t) {
                  failure[0] = t;
                }
              });
      thread.start();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      response.getWriter().write(failure[0] == null ? "hostile ok" : "inner failed: " + failure[0]);
    }
  }

  static final class InnerServlet extends HttpServlet {
    @Override
    public void service(ServletRequest request, ServletResponse response) throws IOException {
      response.getWriter().write("inner ok;");
    }
  }

  static final class HostileRequest extends javax.servlet.http.HttpServletRequestWrapper {
    HostileRequest(HttpServletRequest request) {
      super(request);
    }

    private static RuntimeException hostile() {
      return new IllegalStateException("hostile request wrapper");
    }

    @Override
    public Object getAttribute(String name) {
      throw hostile();
    }

    @Override
    public void setAttribute(String name, Object value) {
      throw hostile();
    }

    @Override
    public String getHeader(String name) {
      throw hostile();
    }

    @Override
    public java.util.Enumeration<String> getHeaders(String name) {
      throw hostile();
    }

    @Override
    public java.util.Enumeration<String> getHeaderNames() {
      throw hostile();
    }

    @Override
    public String getMethod() {
      throw hostile();
    }

    @Override
    public String getRequestURI() {
      throw hostile();
    }

    @Override
    public String getContextPath() {
      throw hostile();
    }

    @Override
    public String getServletPath() {
      throw hostile();
    }

    @Override
    public boolean isAsyncStarted() {
      throw hostile();
    }
  }

  static final class HostileResponse extends javax.servlet.http.HttpServletResponseWrapper {
    HostileResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public int getStatus() {
      throw new IllegalStateException("hostile response wrapper");
    }

    @Override
    public boolean isCommitted() {
      throw new IllegalStateException("hostile response wrapper");
    }
  }
}
