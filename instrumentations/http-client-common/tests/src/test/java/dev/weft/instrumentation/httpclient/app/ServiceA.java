package dev.weft.instrumentation.httpclient.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Service A: {@code GET /call/<client>} calls service B's {@code /hello/<client>} with that {@link
 * Client} on the request thread and answers {@code b answered: <status> <body>}, or 500 with the
 * exception if the call failed.
 */
public final class ServiceA {
  /** Service B's base URL, {@code http://127.0.0.1:<port>}. */
  public static final String B_BASE_PROPERTY = "service.b.base";

  private ServiceA() {}

  public static void main(String[] args) throws Exception {
    String b = System.getProperty(B_BASE_PROPERTY);
    Service.serve("/call/*", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Client client = null;
        for (Client c : Client.values()) {
          if (("/" + c.path()).equals(request.getPathInfo())) {
            client = c;
          }
        }
        if (client == null) {
          response.sendError(404, "no client " + request.getPathInfo());
          return;
        }
        try {
          response.getWriter().write("b answered: " + client.call.get(b + "/hello/" + client.path()));
        } catch (Exception e) {
          response.setStatus(500);
          response.getWriter().write("call failed: " + e);
        }
      }
    });
  }
}
