package dev.weft.instrumentation.httpclient.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Service B: {@code GET /hello/<anything>} answers with the traceparent header it received. */
public final class ServiceB {
  /** The answer's prefix; the rest is the request's traceparent ("null" if it had none). */
  public static final String ANSWER = "hello, traceparent=";

  private ServiceB() {}

  public static void main(String[] args) throws Exception {
    Service.serve("/hello/*", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write(ANSWER + request.getHeader("traceparent"));
      }
    });
  }
}
