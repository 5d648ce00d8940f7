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

  /**
   * Where the agent's default differs from the SDK autoconfigure's. The SDK alone exports OTLP over
   * gRPC; the OpenTelemetry Java agent (2.x) and so Weft default to http/protobuf on port 4318.
   */
  static final Map<String, String> DEFAULTS =
      Collections.singletonMap("otel.exporter.otlp.protocol", "http/protobuf");

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
    return merged;
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
