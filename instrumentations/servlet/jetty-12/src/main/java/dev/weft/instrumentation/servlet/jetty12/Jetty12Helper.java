package dev.weft.instrumentation.servlet.jetty12;

import dev.weft.instrumentation.servlet.bootstrap.ContainerEntry;
import dev.weft.instrumentation.servlet.bootstrap.ServletServerTracer;
import io.opentelemetry.context.Scope;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** What the advice on {@code Server.handle} calls; injected into Jetty's class loader. */
public final class Jetty12Helper {
  static final ServletServerTracer<Request, Response> TRACER = ServletServerTracer.create(new Jetty12Accessor());

  private Jetty12Helper() {}

  /**
   * Notes the request's entry and watches its stream for the response's completion; the returned scope
   * lets a servlet entry inside mark the request as its own. Null when there is nothing to do.
   */
  public static Scope enter(Request request, Response response) {
    ContainerEntry entry = TRACER.enterContainer(request);
    if (entry == null) {
      return null;
    }
    request.addHttpStreamWrapper(new Jetty12Completion(entry, request, response));
    return entry.makeCurrent();
  }
}
