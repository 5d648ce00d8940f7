package dev.weft.bootstrap.propagation;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@code tracestate} received from upstream, kept as the validated header text it will be forwarded
 * as. The SDK hands a parent's trace state to its child spans unchanged (same instance), so every
 * downstream call made while handling the request sends exactly this text without re-serialising it.
 * Entries are split out only when something reads them (a sampler, an exporter).
 *
 * <p>Equal to another {@code ForwardedTraceState} with the same text; {@link #toBuilder()} yields the
 * SDK's own representation for a sampler that wants to change it.
 */
final class ForwardedTraceState implements TraceState {
  private final String header;
  private final int size;
  private volatile String[] entries;

  /** {@code header} is canonical: {@code key=value} members joined by single commas, all valid. */
  ForwardedTraceState(String header, int size) {
    this.header = header;
    this.size = size;
  }

  String header() {
    return header;
  }

  /** Keys at even, values at odd indexes, in header order. */
  private String[] entries() {
    String[] e = entries;
    if (e == null) {
      e = new String[size * 2];
      int from = 0;
      for (int i = 0; i < size; i++) {
        int comma = header.indexOf(',', from);
        int to = comma < 0 ? header.length() : comma;
        int equals = header.indexOf('=', from);
        e[2 * i] = header.substring(from, equals);
        e[2 * i + 1] = header.substring(equals + 1, to);
        from = to + 1;
      }
      entries = e;
    }
    return e;
  }

  @Override
  public String get(String key) {
    if (key == null) {
      return null;
    }
    String[] e = entries();
    for (int i = 0; i < e.length; i += 2) {
      if (key.equals(e[i])) {
        return e[i + 1];
      }
    }
    return null;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public void forEach(BiConsumer<String, String> consumer) {
    if (consumer == null) {
      return;
    }
    String[] e = entries();
    for (int i = 0; i < e.length; i += 2) {
      consumer.accept(e[i], e[i + 1]);
    }
  }

  @Override
  public Map<String, String> asMap() {
    String[] e = entries();
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < e.length; i += 2) {
      map.put(e[i], e[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public TraceStateBuilder toBuilder() {
    String[] e = entries();
    TraceStateBuilder builder = TraceState.builder();
    // put() adds in front of the list: add from the last entry to keep the order.
    for (int i = e.length - 2; i >= 0; i -= 2) {
      builder.put(e[i], e[i + 1]);
    }
    return builder;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof ForwardedTraceState && ((ForwardedTraceState) o).header.equals(header));
  }

  @Override
  public int hashCode() {
    return header.hashCode();
  }

  @Override
  public String toString() {
    return header;
  }
}
