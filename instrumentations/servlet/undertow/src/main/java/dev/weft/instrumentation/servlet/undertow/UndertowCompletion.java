package dev.weft.instrumentation.servlet.undertow;

import dev.weft.instrumentation.servlet.bootstrap.ContainerEntry;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;

/** Undertow calls it when the exchange is complete (also after an async cycle): the response is what the client got. */
final class UndertowCompletion implements ExchangeCompletionListener {
  private final ContainerEntry entry;

  UndertowCompletion(ContainerEntry entry) {
    this.entry = entry;
  }

  @Override
  public void exchangeEvent(HttpServerExchange exchange, NextListener nextListener) {
    try {
      UndertowHelper.TRACER.endContainer(entry, exchange, exchange, null);
    } finally {
      nextListener.proceed();
    }
  }
}
