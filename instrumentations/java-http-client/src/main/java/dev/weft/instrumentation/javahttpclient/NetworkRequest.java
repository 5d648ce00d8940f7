package dev.weft.instrumentation.javahttpclient;

import dev.weft.instrumentation.httpclient.bootstrap.TraceContextInjector;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpRequest;
import java.util.function.BiPredicate;

/**
 * The request the JDK sends in place of the application's: a copy with the trace headers, built only
 * when there is something to add. {@code HttpRequest} is immutable, and the application may reuse
 * its object for other calls, so it is never changed.
 */
final class NetworkRequest {
  /** {@code HttpRequest.newBuilder(HttpRequest, BiPredicate)}: Java 16+, the JDK's exact copy. */
  private static final MethodHandle JDK_COPY = findJdkCopy();
  private static final BiPredicate<String, String> ALL_HEADERS = (name, value) -> true;
  private static final TraceContextInjector<HeaderList> INJECTOR = TraceContextInjector.create(new HeaderList.View());

  private NetworkRequest() {}

  /** Never throws: on any problem the application's request goes out as it is (no propagation). */
  static HttpRequest withTraceHeaders(HttpRequest request, Context context) {
    try {
      HeaderList added = new HeaderList(request);
      INJECTOR.inject(context, added);
      if (added.count == 0) {
        return request;
      }
      HttpRequest.Builder copy = copyOf(request);
      for (int i = 0; i < added.count; i++) {
        copy.setHeader(added.names[i], added.values[i]);
      }
      return copy.build();
    } catch (Throwable t) {
      return request;
    }
  }

  private static HttpRequest.Builder copyOf(HttpRequest request) throws Throwable {
    if (JDK_COPY != null) {
      return (HttpRequest.Builder) JDK_COPY.invokeExact(request, ALL_HEADERS);
    }
    // Java 11 to 15: what the JDK's own copy does.
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).expectContinue(request.expectContinue());
    request.headers().map().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    request.version().ifPresent(builder::version);
    request.timeout().ifPresent(builder::timeout);
    String method = request.method();
    if (request.bodyPublisher().isPresent()) {
      builder.method(method, request.bodyPublisher().get());
    } else if (method.equals("GET")) {
      builder.GET();
    } else if (method.equals("DELETE")) {
      builder.DELETE();
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return builder;
  }

  private static MethodHandle findJdkCopy() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(
              HttpRequest.class,
              "newBuilder",
              MethodType.methodType(HttpRequest.Builder.class, HttpRequest.class, BiPredicate.class));
    } catch (Throwable java11to15) {
      return null;
    }
  }

  /** The headers to add (few: traceparent, tracestate, baggage...), and the request they go on. */
  static final class HeaderList {
    final HttpRequest request;
    String[] names = new String[4];
    String[] values = new String[4];
    int count;

    HeaderList(HttpRequest request) {
      this.request = request;
    }

    static final class View implements TraceContextInjector.Headers<HeaderList> {
      @Override
      public boolean isSet(HeaderList list, String name) {
        return list.request.headers().firstValue(name).isPresent();
      }

      @Override
      public void set(HeaderList list, String name, String value) {
        for (int i = 0; i < list.count; i++) {
          if (list.names[i].equalsIgnoreCase(name)) {
            list.values[i] = value;
            return;
          }
        }
        if (list.count == list.names.length) {
          list.names = java.util.Arrays.copyOf(list.names, list.count * 2);
          list.values = java.util.Arrays.copyOf(list.values, list.count * 2);
        }
        list.names[list.count] = name;
        list.values[list.count] = value;
        list.count++;
      }
    }
  }
}
