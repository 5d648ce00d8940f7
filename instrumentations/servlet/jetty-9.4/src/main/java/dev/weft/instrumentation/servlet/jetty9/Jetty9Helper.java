package dev.weft.instrumentation.servlet.jetty9;

import dev.weft.instrumentation.servlet.bootstrap.ContainerEntry;
import dev.weft.instrumentation.servlet.bootstrap.ServletServerTracer;
import io.opentelemetry.context.Scope;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** What the advice on {@code Server.handle(HttpChannel)} and {@code HttpChannel.onCompleted} calls; injected into Jetty's class loader. */
public final class Jetty9Helper {
  private static final String ENTRY_ATTRIBUTE = "dev.weft.servlet.ContainerEntry";
  private static final ServletServerTracer<Request, Response> TRACER = ServletServerTracer.create(new Jetty9Accessor());

  private Jetty9Helper() {}

  /**
   * The request's first entry is noted (in a request attribute, for the completion); every entry (Jetty
   * 9.4.0 enters again for an error page) makes it current, so that a servlet entry inside marks the
   * request as its own. Null when there is nothing to do.
   */
  public static Scope enter(Request request) {
    Object attached = request.getAttribute(ENTRY_ATTRIBUTE);
    ContainerEntry entry;
    if (attached instanceof ContainerEntry) {
      entry = (ContainerEntry) attached;
    } else {
      entry = TRACER.enterContainer(request);
      if (entry == null) {
        return null;
      }
      request.setAttribute(ENTRY_ATTRIBUTE, entry);
    }
    return entry.makeCurrent();
  }

  public static void completed(Request request, Response response) {
    Object entry = request.getAttribute(ENTRY_ATTRIBUTE);
    if (entry instanceof ContainerEntry) {
      TRACER.endContainer((ContainerEntry) entry, request, response, null);
    }
  }
}
