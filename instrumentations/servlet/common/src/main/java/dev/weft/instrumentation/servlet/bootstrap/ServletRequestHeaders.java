package dev.weft.instrumentation.servlet.bootstrap;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;

/**
 * The propagators' view of a request's headers. {@link #getAll} gives every header line of a name in
 * order (W3C Trace Context: several {@code traceparent} lines make the header invalid, several
 * {@code tracestate} lines are one list), not just the first one as {@link #get} does.
 */
final class ServletRequestHeaders<REQUEST> implements TextMapGetter<REQUEST> {
  private final ServletAccessor<REQUEST, ?> accessor;

  ServletRequestHeaders(ServletAccessor<REQUEST, ?> accessor) {
    this.accessor = accessor;
  }

  @Override
  public Iterable<String> keys(REQUEST request) {
    if (request == null) {
      return Collections.emptyList();
    }
    Enumeration<String> names = accessor.getHeaderNames(request);
    return names == null ? Collections.<String>emptyList() : Collections.list(names);
  }

  @Override
  public String get(REQUEST request, String key) {
    return request == null || key == null ? null : accessor.getHeader(request, key);
  }

  @Override
  public Iterator<String> getAll(REQUEST request, String key) {
    if (request == null || key == null) {
      return Collections.emptyIterator();
    }
    Enumeration<String> values = accessor.getHeaders(request, key);
    return values == null ? Collections.<String>emptyIterator() : new EnumerationIterator(values);
  }

  /** {@code Collections.list} would copy; the propagator reads the values once, in order. */
  private static final class EnumerationIterator implements Iterator<String> {
    private final Enumeration<String> values;

    EnumerationIterator(Enumeration<String> values) {
      this.values = values;
    }

    @Override
    public boolean hasNext() {
      return values.hasMoreElements();
    }

    @Override
    public String next() {
      return values.nextElement();
    }
  }
}
