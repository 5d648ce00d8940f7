package dev.weft.agent.internal;

import dev.weft.bootstrap.WeftConfig;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Merges the three configuration sources the OpenTelemetry agent reads, lowest first: the properties
 * file named by {@code otel.javaagent.configuration-file}, {@code OTEL_*} environment variables, and
 * {@code -Dotel.*} system properties, over Weft's own {@link #DEFAULTS}. Only {@code otel.*} keys are
 * kept, normalised.
 */
final class ConfigLoader {
  static final String CONFIG_FILE = "otel.javaagent.configuration-file";

  static final String QUEUE_SIZE = "otel.bsp.max.queue.size";
  static final String BATCH_SIZE = "otel.bsp.max.export.batch.size";
  static final int DEFAULT_QUEUE_SIZE = 16384;
  static final int DEFAULT_BATCH_SIZE = 2048;

  /**
   * Where the agent's default differs from the SDK autoconfigure's. The SDK alone exports OTLP over
   * gRPC; the OpenTelemetry Java agent (2.x) and so Weft default to http/protobuf on port 4318. The
   * batch processor's queue and batch are 8 and 4 times the SDK's (2048, 512): at a few thousand
   * requests a second on two cores the SDK's sizes drop spans while an export is out (measured in
   * benchmarks/), and a span a tracing agent drops is a trace the user cannot see. The queue costs
   * memory only while spans wait in it.
   */
  static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    defaults.put(QUEUE_SIZE, Integer.toString(DEFAULT_QUEUE_SIZE));
    defaults.put(BATCH_SIZE, Integer.toString(DEFAULT_BATCH_SIZE));
    DEFAULTS = Collections.unmodifiableMap(defaults);
  }

  private ConfigLoader() {}

  static Map<String, String> load(Map<String, String> env, Properties systemProperties, List<String> warnings) {
    Map<String, String> fromEnv = new HashMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith("OTEL_")) {
        fromEnv.put(WeftConfig.normalize(e.getKey()), e.getValue());
      }
    }
    Map<String, String> fromSysProps = new HashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith("otel.")) {
        fromSysProps.put(WeftConfig.normalize(name), systemProperties.getProperty(name));
      }
    }

    Map<String, String> merged = new HashMap<>(DEFAULTS);
    String file = fromSysProps.containsKey(WeftConfig.normalize(CONFIG_FILE))
        ? fromSysProps.get(WeftConfig.normalize(CONFIG_FILE))
        : fromEnv.get(WeftConfig.normalize(CONFIG_FILE));
    if (file != null && !file.trim().isEmpty()) {
      merged.putAll(readFile(file.trim(), warnings));
    }
    merged.putAll(fromEnv);
    merged.putAll(fromSysProps);
    fitDefaultBatchToQueue(merged);
    return merged;
  }

  /** A smaller queue the user set keeps Weft's default batch from exceeding it (the SDK warns then). */
  private static void fitDefaultBatchToQueue(Map<String, String> merged) {
    if (!Integer.toString(DEFAULT_BATCH_SIZE).equals(merged.get(BATCH_SIZE))) {
      return;
    }
    try {
      int queue = Integer.parseInt(merged.get(QUEUE_SIZE).trim());
      if (queue > 0 && queue < DEFAULT_BATCH_SIZE) {
        merged.put(BATCH_SIZE, Integer.toString(queue));
      }
    } catch (RuntimeException e) {
      // an unparsable queue size gets its warning from ConfigValidator
    }
  }

  private static Map<String, String> readFile(String path, List<String> warnings) {
    Properties p = new Properties();
    try (InputStream in = new FileInputStream(path)) {
      p.load(in);
    } catch (Exception e) {
      warnings.add(
          "OTEL_JAVAAGENT_CONFIGURATION_FILE=" + path + " cannot be read (" + e + "); using environment"
              + " variables and system properties only");
      return new HashMap<>();
    }
    Map<String, String> out = new HashMap<>();
    for (String name : p.stringPropertyNames()) {
      String key = WeftConfig.normalize(name);
      if (key.startsWith("otel.")) {
        out.put(key, p.getProperty(name));
      }
    }
    return out;
  }

}
