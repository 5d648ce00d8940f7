package dev.weft.instrumentation.servlet.jetty12;

import dev.weft.instrumentation.servlet.bootstrap.ContainerEntry;
import java.util.function.Function;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Wraps the request's {@code HttpStream}, whose {@code succeeded} / {@code failed} Jetty calls once the
 * response is complete (also after an async cycle): the moment to record a response Jetty made itself.
 * Everything else is delegated unchanged.
 */
final class Jetty12Completion implements Function<HttpStream, HttpStream> {
  private final ContainerEntry entry;
  private final Request request;
  private final Response response;

  Jetty12Completion(ContainerEntry entry, Request request, Response response) {
    this.entry = entry;
    this.request = request;
    this.response = response;
  }

  @Override
  public HttpStream apply(HttpStream stream) {
    return new Stream(stream, this);
  }

  void completed(Throwable failure) {
    Jetty12Helper.TRACER.endContainer(entry, request, response, failure);
  }

  static final class Stream extends HttpStream.Wrapper {
    private final Jetty12Completion completion;

    Stream(HttpStream wrapped, Jetty12Completion completion) {
      super(wrapped);
      this.completion = completion;
    }

    @Override
    public void succeeded() {
      try {
        completion.completed(null);
      } finally {
        super.succeeded();
      }
    }

    @Override
    public void failed(Throwable x) {
      try {
        completion.completed(x);
      } finally {
        super.failed(x);
      }
    }
  }
}
