package dev.weft.agent.internal;

import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.propagation.TraceResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks every value the SDK would reject (and so refuse to start) before the SDK sees it. A bad value
 * gets one warning naming the variable, the value and what is used instead, and is replaced: the
 * application always starts. Header values are never repeated in a warning: they hold tokens.
 */
final class ConfigValidator {
  static final Set<String> TRACES_EXPORTERS =
      new HashSet<>(Arrays.asList("otlp", "zipkin", "console", "logging-otlp", "none"));
  static final Set<String> PROTOCOLS = new HashSet<>(Arrays.asList("grpc", "http/protobuf"));
  static final Set<String> SAMPLERS =
      new HashSet<>(
          Arrays.asList(
              "always_on", "always_off", "traceidratio",
              "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"));
  static final Set<String> PROPAGATORS =
      new HashSet<>(
          Arrays.asList(
              "tracecontext", "baggage", "b3", "b3multi", "jaeger", "ottrace", "xray", "xray-lambda", "none"));

  private static final String[] DURATIONS = {
    "otel.bsp.schedule.delay:5000", "otel.bsp.export.timeout:30000",
    "otel.exporter.otlp.timeout:10000", "otel.exporter.otlp.traces.timeout:10000",
    "otel.exporter.zipkin.timeout:10000",
  };
  private static final String[] POSITIVE_INTS = {
    "otel.bsp.max.queue.size:16384", "otel.bsp.max.export.batch.size:2048",
    "otel.attribute.value.length.limit:", "otel.attribute.count.limit:128",
    "otel.span.attribute.value.length.limit:", "otel.span.attribute.count.limit:128",
    "otel.span.event.count.limit:128", "otel.span.link.count.limit:128",
    "otel.event.attribute.count.limit:128", "otel.link.attribute.count.limit:128",
  };

  /** Off by default: whether a platform thread starts in the context of the thread that started it. */
  static final String EXECUTORS_THREAD_START =
      WeftConfig.normalize("otel.instrumentation.executors.propagate-thread-start");

  private final Map<String, String> values;
  private final List<String> warnings;

  private ConfigValidator(Map<String, String> values, List<String> warnings) {
    this.values = new LinkedHashMap<>(values);
    this.warnings = warnings;
  }

  /** Returns the configuration with every bad value replaced; adds one warning per replacement. */
  static Map<String, String> validate(Map<String, String> config, List<String> warnings) {
    ConfigValidator v = new ConfigValidator(config, warnings);
    v.run();
    return v.values;
  }

  private void run() {
    for (String key : new ArrayList<>(values.keySet())) {
      if (key.endsWith(".enabled") || key.equals("otel.sdk.disabled") || key.equals("otel.javaagent.debug")
          || key.equals(EXECUTORS_THREAD_START)) {
        checkBoolean(key);
      }
    }
    for (String spec : DURATIONS) {
      checkDuration(spec.substring(0, spec.indexOf(':')), spec.substring(spec.indexOf(':') + 1));
    }
    for (String spec : POSITIVE_INTS) {
      checkPositiveInt(spec.substring(0, spec.indexOf(':')), spec.substring(spec.indexOf(':') + 1));
    }
    checkExporters();
    checkSignalOff("otel.metrics.exporter");
    checkSignalOff("otel.logs.exporter");
    checkOneOf("otel.exporter.otlp.protocol", PROTOCOLS, "http/protobuf");
    checkOneOf("otel.exporter.otlp.traces.protocol", PROTOCOLS, protocol());
    checkOneOf("otel.exporter.otlp.compression", new HashSet<>(Arrays.asList("gzip", "none")), "none");
    checkOneOf("otel.exporter.otlp.traces.compression", new HashSet<>(Arrays.asList("gzip", "none")), "none");
    checkEndpoint("otel.exporter.otlp.endpoint", defaultEndpoint(false));
    checkEndpoint("otel.exporter.otlp.traces.endpoint", defaultEndpoint(true));
    checkEndpoint("otel.exporter.zipkin.endpoint", ExporterTarget.ZIPKIN_DEFAULT_ENDPOINT);
    checkKeyValueList("otel.exporter.otlp.headers", true);
    checkKeyValueList("otel.exporter.otlp.traces.headers", true);
    checkKeyValueList("otel.resource.attributes", false);
    checkSampler();
    checkPropagators();
    checkOneOf("otel.instrumentation.jdbc.capture.query.parameters", new HashSet<>(Arrays.asList("true", "false")), "false");
    checkOneOf(
        "otel.instrumentation.jdbc.experimental.capture.query.parameters",
        new HashSet<>(Arrays.asList("true", "false")), "false");
    if (values.containsKey(WeftConfig.normalize(TraceResponse.CONFIG_KEY))) {
      checkBoolean(WeftConfig.normalize(TraceResponse.CONFIG_KEY));
    }
    checkMethodList("otel.instrumentation.methods.include");
    checkMethodList("otel.instrumentation.opentelemetry-instrumentation-annotations.exclude-methods");
  }

  String protocol() {
    String p = values.get("otel.exporter.otlp.protocol");
    return p != null && PROTOCOLS.contains(p.trim()) ? p.trim() : "http/protobuf";
  }

  private String defaultEndpoint(boolean signalSpecific) {
    String p = values.get("otel.exporter.otlp.traces.protocol");
    String protocol = p != null && PROTOCOLS.contains(p.trim()) ? p.trim() : protocol();
    if ("grpc".equals(protocol)) {
      return "http://localhost:4317";
    }
    return signalSpecific ? "http://localhost:4318/v1/traces" : "http://localhost:4318";
  }

  private void replace(String key, String value, String problem, String used) {
    warnings.add(WeftConfig.envName(key) + "=" + value + " " + problem + "; using " + used);
  }

  private void checkBoolean(String key) {
    String v = values.get(key).trim();
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      boolean def =
          !key.equals("otel.sdk.disabled")
              && !key.equals("otel.javaagent.debug")
              && !key.equals(EXECUTORS_THREAD_START)
              && !key.equals(WeftConfig.normalize(TraceResponse.CONFIG_KEY));
      replace(key, v, "is not true or false", "the default (" + def + ")");
      values.put(key, String.valueOf(def));
    }
  }

  private void checkDuration(String key, String def) {
    String v = values.get(key);
    if (v == null || isDuration(v.trim())) {
      return;
    }
    replace(key, v, "is not a duration (like 500, 500ms or 5s)", "the default (" + def + " ms)");
    values.put(key, def);
  }

  /**
   * What the SDK's duration parser accepts: a whole number that fits a long, optionally followed by
   * one of its units, which are case-sensitive ({@code 5S} stops the SDK from starting).
   */
  static boolean isDuration(String v) {
    int i = 0;
    while (i < v.length() && Character.isDigit(v.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return false;
    }
    try {
      Long.parseLong(v.substring(0, i));
    } catch (NumberFormatException tooLarge) {
      return false;
    }
    String unit = v.substring(i).trim();
    return Arrays.asList("", "ms", "s", "m", "h", "d", "us", "ns").contains(unit);
  }

  private void checkPositiveInt(String key, String def) {
    String v = values.get(key);
    if (v == null) {
      return;
    }
    try {
      if (Integer.parseInt(v.trim()) > 0) {
        return;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    if (def.isEmpty()) {
      replace(key, v, "is not a positive whole number", "no limit");
      values.remove(key);
      values.put(key, String.valueOf(Integer.MAX_VALUE));
    } else {
      replace(key, v, "is not a positive whole number", "the default (" + def + ")");
      values.put(key, def);
    }
  }

  private void checkExporters() {
    String key = "otel.traces.exporter";
    String v = values.get(key);
    if (v == null) {
      return;
    }
    // The SDK refuses duplicates and "none" next to another exporter; Weft drops them instead.
    Set<String> kept = new LinkedHashSet<>();
    List<String> dropped = new ArrayList<>();
    for (String name : v.split(",")) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      (TRACES_EXPORTERS.contains(n) ? kept : dropped).add(n);
    }
    boolean noneWithOthers = kept.size() > 1 && kept.remove("none");
    String used = kept.isEmpty() ? "otlp" : String.join(",", kept);
    if (!dropped.isEmpty()) {
      replace(key, v, "names an unknown exporter " + dropped + " (known: otlp, zipkin, console, logging-otlp, none)", used);
    } else if (noneWithOthers) {
      replace(key, v, "names none along with other exporters", used);
    }
    values.put(key, used);
  }

  private void checkSignalOff(String key) {
    String v = values.get(key);
    if (v != null && !v.trim().equalsIgnoreCase("none")) {
      replace(key, v, "is ignored: Weft exports traces only", "none");
    }
    values.put(key, "none");
  }

  private void checkOneOf(String key, Set<String> allowed, String def) {
    String v = values.get(key);
    if (v == null) {
      return;
    }
    String n = v.trim().toLowerCase(Locale.ROOT);
    if (allowed.contains(n)) {
      values.put(key, n);
      return;
    }
    replace(key, v, "is not one of " + new java.util.TreeSet<>(allowed), def);
    values.put(key, def);
  }

  private void checkEndpoint(String key, String def) {
    String v = values.get(key);
    if (v == null) {
      return;
    }
    if (!isHttpUrl(v.trim())) {
      replace(key, v, "is not an http:// or https:// URL", def);
      values.put(key, def);
    }
  }

  static boolean isHttpUrl(String v) {
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code k1=v1,k2=v2}; malformed entries are dropped, the rest kept. */
  private void checkKeyValueList(String key, boolean secret) {
    String v = values.get(key);
    if (v == null) {
      return;
    }
    List<String> kept = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (String entry : v.split(",")) {
      if (entry.trim().isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String name = eq < 0 ? entry.trim() : entry.substring(0, eq).trim();
      boolean ok =
          eq > 0
              && !name.isEmpty()
              && decodes(entry.substring(eq + 1))
              && decodes(name)
              && (!secret || isHeader(name, decoded(entry.substring(eq + 1))));
      if (ok) {
        kept.add(entry.trim());
      } else {
        bad.add(secret ? describeBadHeader(eq, name) : entry.trim());
      }
    }
    if (!bad.isEmpty()) {
      String shown = secret ? "<" + (kept.size() + bad.size()) + " entries, values not shown>" : v;
      warnings.add(
          WeftConfig.envName(key) + "=" + shown + " has malformed entries " + bad
              + " (expected key=value, percent-encoded" + (secret ? ", printable ASCII" : "") + "); using the other "
              + kept.size() + " entries");
      values.put(key, String.join(",", kept));
    }
  }

  /** A bad header entry without its value, nor its name when that may be part of a token. */
  private static String describeBadHeader(int eq, String name) {
    if (eq < 0) {
      return "(an entry without '=')";
    }
    if (name.isEmpty()) {
      return "(an entry without a name)";
    }
    return isHeader(name, "") ? name + "=…" : "(an entry whose name is not a valid header name)";
  }

  /**
   * What the HTTP client accepts in a header: a name of visible ASCII characters, a value of visible
   * ASCII, spaces and tabs. Anything else makes every export throw, with the value in the message.
   */
  static boolean isHeader(String name, String value) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String decoded(String s) {
    try {
      return URLDecoder.decode(s, "UTF-8").trim();
    } catch (Exception e) {
      return s;
    }
  }

  private static boolean decodes(String s) {
    try {
      URLDecoder.decode(s, "UTF-8");
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private void checkSampler() {
    String key = "otel.traces.sampler";
    checkOneOf(key, SAMPLERS, "parentbased_always_on");
    String sampler = values.get(key);
    String argKey = "otel.traces.sampler.arg";
    String arg = values.get(argKey);
    if (sampler == null || !sampler.endsWith("traceidratio") || arg == null) {
      return;
    }
    try {
      double d = Double.parseDouble(arg.trim());
      if (d >= 0 && d <= 1) {
        return;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    replace(argKey, arg, "is not a ratio between 0 and 1", "1.0 (sample everything)");
    values.put(argKey, "1.0");
  }

  private void checkPropagators() {
    String key = "otel.propagators";
    String v = values.get(key);
    if (v == null) {
      return;
    }
    Set<String> kept = new LinkedHashSet<>();
    List<String> dropped = new ArrayList<>();
    for (String name : v.split(",")) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      (PROPAGATORS.contains(n) ? kept : dropped).add(n);
    }
    // The SDK refuses "none" next to another propagator.
    boolean noneWithOthers = kept.size() > 1 && kept.remove("none");
    String used = kept.isEmpty() ? "tracecontext,baggage" : String.join(",", kept);
    if (!dropped.isEmpty()) {
      replace(key, v, "names an unknown propagator " + dropped + " (known: " + new java.util.TreeSet<>(PROPAGATORS) + ")", used);
      values.put(key, used);
    } else if (noneWithOthers) {
      replace(key, v, "names none along with other propagators", used);
      values.put(key, used);
    } else {
      // The SDK matches names as given: "TraceContext" would stop it from starting.
      values.put(key, used);
    }
  }

  /** {@code Class[m1,m2];...} lists: one warning per malformed entry; the module applies the rest. */
  private void checkMethodList(String key) {
    String v = values.get(WeftConfig.normalize(key));
    if (v == null) {
      return;
    }
    List<String> problems = new ArrayList<>();
    dev.weft.tooling.ClassMethodList.parse(v, problems);
    for (String problem : problems) {
      warnings.add(WeftConfig.envName(key) + ": " + problem);
    }
  }
}
