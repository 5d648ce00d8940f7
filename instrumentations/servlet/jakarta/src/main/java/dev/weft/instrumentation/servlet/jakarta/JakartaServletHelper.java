package dev.weft.instrumentation.servlet.jakarta;

import dev.weft.instrumentation.servlet.bootstrap.ServerSpanScope;
import dev.weft.instrumentation.servlet.bootstrap.ServletServerTracer;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** What the advice calls; injected into the container's class loader (it names servlet types). */
public final class JakartaServletHelper {
  private static final ServletServerTracer<HttpServletRequest, HttpServletResponse> TRACER =
      ServletServerTracer.create(new JakartaServletAccessor());

  private JakartaServletHelper() {}

  /**
   * {@code self} is the servlet or filter entered, or the container's entry point (Tomcat's engine
   * valve), which is neither; only HTTP requests get a span.
   */
  public static ServerSpanScope enter(Object self, ServletRequest request, ServletResponse response) {
    if (request instanceof HttpServletRequest && response instanceof HttpServletResponse) {
      boolean servlet = self instanceof Servlet;
      return TRACER.enter(
          servlet ? self : null,
          (HttpServletRequest) request,
          (HttpServletResponse) response,
          !servlet && !(self instanceof Filter));
    }
    return null;
  }
}
