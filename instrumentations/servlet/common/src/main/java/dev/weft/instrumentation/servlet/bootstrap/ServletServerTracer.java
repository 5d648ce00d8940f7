package dev.weft.instrumentation.servlet.bootstrap;

import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.WeftOpenTelemetry;
import dev.weft.bootstrap.propagation.TraceResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.ErrorCauseExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanNameExtractor;
import io.opentelemetry.instrumentation.api.internal.InstrumenterUtil;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractorBuilder;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteBiGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/**
 * SERVER spans for servlet requests, shared by the javax and jakarta instrumentations: each gives its
 * {@link ServletAccessor} and calls {@link #enter} from the advice on {@code Servlet.service} and
 * {@code Filter.doFilter}; the exit is {@link ServerSpanScope#exit}.
 *
 * <p>The outermost entry into a request starts the span (context extracted from the request headers
 * by the configured propagators) and stores it in a request attribute. Any later entry into the same
 * request finds it there: on the same thread (filter chain, forward, include) it adds nothing; on
 * another thread or after the first entry returned (async dispatch, error page) it makes the span
 * current again for child spans. Each servlet entry offers its mapping as the route (the first one
 * wins); at the end, Spring MVC's best-matching pattern, when present, wins over it.
 */
public final class ServletServerTracer<REQUEST, RESPONSE> {
  static final String SPAN_ATTRIBUTE = "dev.weft.servlet.ServerSpan";

  final ServletAccessor<REQUEST, RESPONSE> accessor;
  private final Instrumenter<REQUEST, RESPONSE> instrumenter;
  private final HttpServerRouteBiGetter<Object, REQUEST> servletRoute;
  private final ServletRequestHeaders<REQUEST> headers;

  private ServletServerTracer(ServletAccessor<REQUEST, RESPONSE> accessor) {
    this.accessor = accessor;
    this.headers = new ServletRequestHeaders<>(accessor);
    this.instrumenter = buildInstrumenter(accessor, headers);
    this.servletRoute = new HttpServerRouteBiGetter<Object, REQUEST>() {
      @Override
      public String get(Context context, Object servlet, REQUEST request) {
        return ServletServerTracer.this.accessor.servletRoute(servlet, request);
      }
    };
  }

  public static <REQUEST, RESPONSE> ServletServerTracer<REQUEST, RESPONSE> create(
      ServletAccessor<REQUEST, RESPONSE> accessor) {
    return new ServletServerTracer<>(accessor);
  }

  private static <REQUEST, RESPONSE> Instrumenter<REQUEST, RESPONSE> buildInstrumenter(
      final ServletAccessor<REQUEST, RESPONSE> accessor, ServletRequestHeaders<REQUEST> headers) {
    ServletHttpAttributes<REQUEST, RESPONSE> getter = new ServletHttpAttributes<>(accessor);
    WeftConfig config = WeftConfig.get();
    HttpServerAttributesExtractorBuilder<REQUEST, RESPONSE> attributes =
        HttpServerAttributesExtractor.builder(getter)
            .setCapturedRequestHeaders(config.getList("otel.instrumentation.http.server.capture-request-headers"))
            .setCapturedResponseHeaders(config.getList("otel.instrumentation.http.server.capture-response-headers"));
    List<String> knownMethods = config.getList("otel.instrumentation.http.known-methods");
    SpanNameExtractor<REQUEST> spanName =
        knownMethods.isEmpty()
            ? HttpSpanNameExtractor.create(getter)
            : HttpSpanNameExtractor.builder(getter).setKnownMethods(new HashSet<>(knownMethods)).build();
    if (!knownMethods.isEmpty()) {
      attributes.setKnownMethods(new HashSet<>(knownMethods));
    }
    return Instrumenter.<REQUEST, RESPONSE>builder(WeftOpenTelemetry.get(), "dev.weft.servlet", spanName)
        .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
        .setErrorCauseExtractor(
            new ErrorCauseExtractor() {
              @Override
              public Throwable extract(Throwable error) {
                return ErrorCauseExtractor.getDefault().extract(accessor.unwrapServletException(error));
              }
            })
        .addAttributesExtractor(attributes.build())
        .addAttributesExtractor(new EscapedExceptionErrorType<REQUEST, RESPONSE>())
        .addContextCustomizer(HttpServerRoute.create(getter))
        .buildServerInstrumenter(headers);
  }

  /**
   * Entry into {@code Servlet.service} ({@code servlet} is the servlet), {@code Filter.doFilter}
   * ({@code servlet} null) or the container's own entry ({@code container} true, before any of them).
   * Returns what the exit needs, or null when this entry has nothing to do. Never throws; nothing is
   * made current unless everything before it succeeded.
   */
  public ServerSpanScope enter(Object servlet, REQUEST request, RESPONSE response, boolean container) {
    try {
      Context current = Context.current();
      Object attached = accessor.getAttribute(request, SPAN_ATTRIBUTE);
      if (attached instanceof ServerSpanState) {
        return reenter((ServerSpanState<?, ?>) attached, current, servlet, request, container);
      }
      ContainerEntry.markServletEntered(current);
      if (!instrumenter.shouldStart(current, request)) {
        updateRoute(current, servlet, request); // inside another server span, or tracing is off
        return null;
      }
      // Attach first: if the application's request refuses attributes, nothing has started yet.
      ServerSpanState<REQUEST, RESPONSE> state = new ServerSpanState<>(this, request, response, container);
      accessor.setAttribute(request, SPAN_ATTRIBUTE, state);
      Context context = instrumenter.start(current, request);
      state.context = context;
      updateRoute(context, servlet, request);
      addTraceResponse(context, response);
      return new ServerSpanScope(state, context.makeCurrent(), true);
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * The container's own entry for a request (container types, see {@link ContainerEntry}): null when
   * no span may start here (tracing off, inside another server span). Never throws.
   */
  public ContainerEntry enterContainer(REQUEST request) {
    try {
      Context current = Context.current();
      return instrumenter.shouldStart(current, request) ? new ContainerEntry(current, Instant.now()) : null;
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * The container completed the response of {@code entry}'s request: if no servlet or filter served it,
   * its span, from the entry to now, with what the client got ({@code error}: the response failed).
   * Never throws.
   */
  public void endContainer(ContainerEntry entry, REQUEST request, RESPONSE response, Throwable error) {
    if (entry == null || entry.servletEntered()) {
      return;
    }
    try {
      // startAndEnd does not extract the caller's context as start does: the same propagators, here
      Context parent =
          WeftOpenTelemetry.get().getPropagators().getTextMapPropagator().extract(entry.parent, request, headers);
      InstrumenterUtil.startAndEnd(instrumenter, parent, request, response, error, entry.start, Instant.now());
    } catch (Throwable ignored) {
      // a lost span, never an error in the container
    }
  }

  private ServerSpanScope reenter(
      ServerSpanState<?, ?> state, Context current, Object servlet, REQUEST request, boolean container) {
    Context context = state.context;
    if (context == null) {
      return null;
    }
    rememberSpringPattern(state, request);
    SpanContext ours = Span.fromContext(context).getSpanContext();
    if (Span.fromContext(current).getSpanContext().getTraceId().equals(ours.getTraceId())) {
      updateRoute(current, servlet, request); // nested on the same thread: filter chain, forward, include
      // below the container's entry, the outermost servlet entry is where an exception escapes to the container
      return container ? null : state.enterApplication();
    }
    // The same request on a thread that is not inside its trace: an async dispatch or an error page.
    updateRoute(context, servlet, request);
    return new ServerSpanScope(state, context.makeCurrent(), false);
  }

  /** Set first, before anything is written: the response is not committed yet. */
  private void addTraceResponse(Context context, RESPONSE response) {
    String value = TraceResponse.headerValue(context);
    if (value != null) {
      try {
        accessor.setResponseHeader(response, TraceResponse.HEADER_NAME, value);
      } catch (Throwable ignored) {
        // the application's response wrapper refused it
      }
    }
  }

  /** The first pattern Spring set wins: a later dispatch to an error page sets its own. */
  private void rememberSpringPattern(ServerSpanState<?, ?> state, REQUEST request) {
    if (state.springPattern == null) {
      try {
        Object pattern = accessor.getAttribute(request, ServletRoutes.SPRING_BEST_MATCHING_PATTERN);
        if (pattern instanceof String) {
          state.springPattern = (String) pattern;
        }
      } catch (Throwable ignored) {
        // keep the servlet route
      }
    }
  }

  private void updateRoute(Context context, Object servlet, REQUEST request) {
    if (servlet == null) {
      return; // a filter's mapping says little; the servlet behind it names the route
    }
    try {
      HttpServerRoute.update(context, HttpServerRouteSource.SERVER, servletRoute, servlet, request);
    } catch (Throwable ignored) {
      // the application's request wrapper failed: the span keeps the name it has
    }
  }

  void exit(ServerSpanState<REQUEST, RESPONSE> state, boolean startedSpan, Throwable thrown) {
    if (!startedSpan) {
      if (thrown != null) {
        state.onAsyncError(thrown); // an async dispatch failed: the container completes with an error
      }
      return;
    }
    boolean async = false;
    if (thrown == null) {
      try {
        async = accessor.isAsyncStarted(state.request);
      } catch (Throwable ignored) {
        // treat as synchronous
      }
    }
    if (async && state.listenForAsyncEnd()) {
      return; // ends when the container completes the async cycle
    }
    state.end(thrown);
  }

  /** The response's status if it is committed, else 0; never throws (the response may be a hostile wrapper). */
  int committedStatus(RESPONSE response) {
    try {
      return accessor.isCommitted(response) ? accessor.getStatus(response) : 0;
    } catch (Throwable t) {
      return 0;
    }
  }

  void end(Context context, String springPattern, REQUEST request, RESPONSE response, Throwable error) {
    try {
      Object pattern =
          springPattern != null ? springPattern : accessor.getAttribute(request, ServletRoutes.SPRING_BEST_MATCHING_PATTERN);
      if (pattern instanceof String) {
        String route =
            ServletRoutes.springRoute(
                accessor.getContextPath(request),
                accessor.getServletPath(request),
                accessor.getPathInfo(request),
                (String) pattern);
        if (route != null) {
          HttpServerRoute.update(context, HttpServerRouteSource.CONTROLLER, route);
        }
      }
    } catch (Throwable ignored) {
      // keep the servlet route
    }
    instrumenter.end(context, request, response, error);
  }
}
