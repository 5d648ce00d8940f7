package dev.weft.instrumentation.servlet.undertow;

import dev.weft.instrumentation.servlet.bootstrap.ContainerEntry;
import dev.weft.instrumentation.servlet.bootstrap.ServletServerTracer;
import io.opentelemetry.context.Scope;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/** What the advice on {@code Connectors.executeRootHandler} calls; injected into Undertow's class loader. */
public final class UndertowHelper {
  static final ServletServerTracer<HttpServerExchange, HttpServerExchange> TRACER =
      ServletServerTracer.create(new UndertowAccessor());
  private static final AttachmentKey<ContainerEntry> ENTRY = AttachmentKey.create(ContainerEntry.class);

  private UndertowHelper() {}

  /**
   * The exchange's first root-handler run notes its entry and listens for its completion; every run
   * (the first, each dispatch to a worker) makes the entry current, so that a servlet entry inside,
   * on whichever thread, marks the request as its own. Null when there is nothing to do.
   */
  public static Scope enter(HttpServerExchange exchange) {
    ContainerEntry entry = exchange.getAttachment(ENTRY);
    if (entry == null) {
      entry = TRACER.enterContainer(exchange);
      if (entry == null) {
        return null;
      }
      exchange.putAttachment(ENTRY, entry);
      exchange.addExchangeCompleteListener(new UndertowCompletion(entry));
    }
    return entry.makeCurrent();
  }
}
