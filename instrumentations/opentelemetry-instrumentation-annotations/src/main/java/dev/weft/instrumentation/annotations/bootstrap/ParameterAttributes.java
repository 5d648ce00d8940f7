package dev.weft.instrumentation.annotations.bootstrap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code @SpanAttribute} parameters of one method: the attribute name per parameter index (null
 * where there is none) and its keys, built once per method (cached by the woven constant) so a call
 * allocates nothing here. Values are typed by what they are at run time: whole numbers as long,
 * floating point as double, booleans, strings and string arrays as such, anything else as
 * {@code String.valueOf}; null arguments are left out.
 */
final class ParameterAttributes {
  private static final ConcurrentHashMap<String, ParameterAttributes> CACHE = new ConcurrentHashMap<>();
  /** Bounds the cache should a program generate annotated classes without end. */
  private static final int MAX_CACHED = 10_000;

  private final Param[] params;

  private ParameterAttributes(Param[] params) {
    this.params = params;
  }

  static ParameterAttributes of(String names) {
    ParameterAttributes cached = CACHE.get(names);
    if (cached != null) {
      return cached;
    }
    ParameterAttributes parsed = parse(names);
    if (CACHE.size() < MAX_CACHED) {
      CACHE.put(names, parsed);
    }
    return parsed;
  }

  static ParameterAttributes parse(String names) {
    String[] split = names.split("\u0000", -1);
    Param[] params = new Param[split.length];
    for (int i = 0; i < split.length; i++) {
      params[i] = split[i].isEmpty() ? null : new Param(split[i]);
    }
    return new ParameterAttributes(params);
  }

  void put(AttributesBuilder attributes, Object[] args) {
    if (args == null) {
      return;
    }
    int n = Math.min(params.length, args.length);
    for (int i = 0; i < n; i++) {
      Param p = params[i];
      Object v = args[i];
      if (p != null && v != null) {
        try {
          p.put(attributes, v);
        } catch (RuntimeException e) {
          // the argument's toString() failed: leave that attribute out, never fail the call
        }
      }
    }
  }

  private static final class Param {
    final AttributeKey<String> string;
    final AttributeKey<Long> longKey;
    final AttributeKey<Double> doubleKey;
    final AttributeKey<Boolean> booleanKey;
    final AttributeKey<java.util.List<String>> stringArray;

    Param(String name) {
      string = AttributeKey.stringKey(name);
      longKey = AttributeKey.longKey(name);
      doubleKey = AttributeKey.doubleKey(name);
      booleanKey = AttributeKey.booleanKey(name);
      stringArray = AttributeKey.stringArrayKey(name);
    }

    void put(AttributesBuilder attributes, Object v) {
      if (v instanceof String) {
        attributes.put(string, (String) v);
      } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        attributes.put(longKey, ((Number) v).longValue());
      } else if (v instanceof Double || v instanceof Float) {
        attributes.put(doubleKey, ((Number) v).doubleValue());
      } else if (v instanceof Boolean) {
        attributes.put(booleanKey, (Boolean) v);
      } else if (v instanceof String[]) {
        attributes.put(stringArray, Arrays.asList((String[]) v));
      } else {
        attributes.put(string, String.valueOf(v));
      }
    }
  }
}
