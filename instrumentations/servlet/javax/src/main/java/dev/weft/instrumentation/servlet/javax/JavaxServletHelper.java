package dev.weft.instrumentation.servlet.javax;

import dev.weft.instrumentation.servlet.bootstrap.ServerSpanScope;
import dev.weft.instrumentation.servlet.bootstrap.ServletServerTracer;
import javax.servlet.Filter;
import javax.servlet.Servlet;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** What the advice calls; injected into the container's class loader (it names servlet types). */
public final class JavaxServletHelper {
  private static final ServletServerTracer<HttpServletRequest, HttpServletResponse> TRACER =
      ServletServerTracer.create(new JavaxServletAccessor());

  private JavaxServletHelper() {}

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
