package dev.weft.instrumentation.servlet.bootstrap;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.time.Instant;

/**
 * A request entering a container whose own entry point does not take the servlet API's types (Jetty
 * 12's {@code Server.handle}, Undertow's root handler). No span starts there: the servlet layer starts
 * the request's span as usual if the request reaches a servlet or filter, and marks this entry (found
 * in the current context) as served. Only when the response completes without that mark, i.e. the
 * container answered itself, does {@link ServletServerTracer#endContainer} record one span for it,
 * from this entry's start. One request, one span, and the servlet layer's spans unchanged.
 */
public final class ContainerEntry {
  private static final ContextKey<ContainerEntry> KEY = ContextKey.named("dev.weft.servlet.ContainerEntry");

  final Context parent;
  final Instant start;
  private volatile boolean servletEntered;

  ContainerEntry(Context parent, Instant start) {
    this.parent = parent;
    this.start = start;
  }

  /** Current while the container dispatches the request on its entry thread, for the servlet layer to find. */
  public Scope makeCurrent() {
    return parent.with(KEY, this).makeCurrent();
  }

  /** Whether a servlet or filter entered the request (then its span is the request's span). */
  public boolean servletEntered() {
    return servletEntered;
  }

  /** Called by the servlet layer's outermost entry; the container's entry, if any, is in {@code current}. */
  static void markServletEntered(Context current) {
    ContainerEntry entry = current.get(KEY);
    if (entry != null) {
      entry.servletEntered = true;
    }
  }
}
