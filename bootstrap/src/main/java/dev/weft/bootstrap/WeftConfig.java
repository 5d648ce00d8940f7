package dev.weft.bootstrap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's configuration after merging its sources: {@code -Dotel.*} system properties win over
 * {@code OTEL_*} environment variables, which win over the optional configuration file.
 *
 * <p>Keys are normalised the way the OpenTelemetry SDK does it, so {@code OTEL_BSP_SCHEDULE_DELAY},
 * {@code otel.bsp.schedule.delay} and {@code otel.bsp.schedule-delay} are one key. Lives on the bootstrap
 * class path because helpers woven into application classes read it too (e.g. captured headers).
 */
public final class WeftConfig {
  private static volatile WeftConfig current = new WeftConfig(Collections.<String, String>emptyMap());

  private final Map<String, String> values;

  public WeftConfig(Map<String, String> rawValues) {
    Map<String, String> normalized = new HashMap<>();
    for (Map.Entry<String, String> e : rawValues.entrySet()) {
      if (e.getKey() != null && e.getValue() != null) {
        normalized.put(normalize(e.getKey()), e.getValue());
      }
    }
    this.values = Collections.unmodifiableMap(normalized);
  }

  public static WeftConfig get() {
    return current;
  }

  public static void set(WeftConfig config) {
    current = config;
  }

  /** Lower case, with {@code _} and {@code -} as {@code .}: the SDK's own normalisation. */
  public static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
  }

  /** The environment variable a key is read from, for messages: {@code otel.bsp.x} -> {@code OTEL_BSP_X}. */
  public static String envName(String key) {
    return normalize(key).toUpperCase(Locale.ROOT).replace('.', '_');
  }

  public String getString(String key) {
    String v = values.get(normalize(key));
    return v == null ? null : v.trim();
  }

  public String getString(String key, String defaultValue) {
    String v = getString(key);
    return v == null || v.isEmpty() ? defaultValue : v;
  }

  /** {@code true}/{@code false} in any case; anything else is the default (validated at start-up). */
  public boolean getBoolean(String key, boolean defaultValue) {
    String v = getString(key);
    if (v == null) {
      return defaultValue;
    }
    if ("true".equalsIgnoreCase(v)) {
      return true;
    }
    if ("false".equalsIgnoreCase(v)) {
      return false;
    }
    return defaultValue;
  }

  /** A comma-separated list, trimmed, without empty entries. */
  public List<String> getList(String key) {
    String v = getString(key);
    if (v == null || v.isEmpty()) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>();
    for (String part : v.split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Whether an instrumentation is on: its own {@code otel.instrumentation.<name>.enabled} decides,
   * then {@code otel.instrumentation.common.default-enabled}, then the module's default.
   */
  public boolean isInstrumentationEnabled(Iterable<String> names, boolean moduleDefault) {
    for (String name : names) {
      String v = getString("otel.instrumentation." + name + ".enabled");
      if (v != null) {
        return getBoolean("otel.instrumentation." + name + ".enabled", moduleDefault);
      }
    }
    return moduleDefault && getBoolean("otel.instrumentation.common.default-enabled", true);
  }

  public Map<String, String> asMap() {
    return values;
  }
}
