package dev.weft.agent.internal;

import dev.weft.bootstrap.AgentLog;
import dev.weft.bootstrap.WeftConfig;
import dev.weft.bootstrap.WeftOpenTelemetry;
import dev.weft.tooling.InstrumentationModule;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The agent proper, called once by {@code WeftAgent} through Weft's own class loader: configuration,
 * SDK start (in the background), then the class transformations.
 */
public final class AgentStarter {
  private AgentStarter() {}

  public static void start(Instrumentation inst, File agentJar, boolean attached) {
    long startNanos = System.nanoTime();
    List<String> warnings = new ArrayList<>();
    Map<String, String> raw = ConfigLoader.load(System.getenv(), System.getProperties(), warnings);
    WeftConfig rawConfig = new WeftConfig(raw);
    AgentLog.setDebug(rawConfig.getBoolean("otel.javaagent.debug", false));
    if (!rawConfig.getBoolean("otel.javaagent.enabled", true)) {
      return; // set in the configuration file only; WeftAgent checked the other sources
    }
    Map<String, String> validated = ConfigValidator.validate(raw, warnings);
    WeftConfig config = new WeftConfig(validated);
    WeftConfig.set(config);
    for (String warning : warnings) {
      AgentLog.warn(warning);
    }


    List<InstrumentationModule> enabled = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (InstrumentationModule module :
        ServiceLoader.load(InstrumentationModule.class, AgentStarter.class.getClassLoader())) {
      List<String> switchNames = new ArrayList<>();
      switchNames.add(module.name());
      switchNames.addAll(module.aliases());
      if (config.isInstrumentationEnabled(switchNames, module.defaultEnabled())) {
        enabled.add(module);
        if (!names.contains(module.name())) {
          names.add(module.name()); // one switch may cover several modules (servlet: javax and jakarta; apache-httpclient: 4 and 5)
        }
      } else {
        AgentLog.debug("instrumentation " + module.name() + " is disabled by configuration");
      }
    }
    AgentInstaller.install(inst, enabled);
    // After the transformer is in: on two cores, building both at once only slows premain down,
    // while the SDK has the whole start-up of the application to get ready in.
    SdkSetup.startInBackground(validated);

    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    AgentLog.info(startupLine(config, version(agentJar), names, millis, attached));
    if (!WeftOpenTelemetry.isInstalled()) {
      AgentLog.debug("the SDK is still being set up in the background");
    }
  }

  static String startupLine(
      WeftConfig config, String version, List<String> instrumentations, long millis, boolean attached) {
    StringBuilder line = new StringBuilder();
    line.append("Weft ").append(version).append(attached ? " attached" : " started").append(" in ").append(millis).append(" ms");
    line.append(" | service ").append(serviceName(config));
    line.append(" | exporter ");
    if (config.getBoolean("otel.sdk.disabled", false)) {
      line.append("none (OTEL_SDK_DISABLED=true)");
    } else {
      List<String> exporters = config.getList("otel.traces.exporter");
      if (exporters.isEmpty()) {
        exporters = java.util.Collections.singletonList("otlp");
      }
      for (int i = 0; i < exporters.size(); i++) {
        String e = exporters.get(i);
        line.append(i == 0 ? "" : ", ").append(e);
        if (e.equals("otlp")) {
          line.append(" (").append(ExporterTarget.protocol(config)).append(" ").append(ExporterTarget.endpoint(config)).append(")");
        } else if (e.equals("zipkin")) {
          line.append(" (").append(ExporterTarget.zipkinEndpoint(config)).append(")");
        }
      }
    }
    line.append(" | instrumentations ").append(instrumentations.isEmpty() ? "none" : String.join(", ", instrumentations));
    return line.toString();
  }

  static String serviceName(WeftConfig config) {
    String name = config.getString("otel.service.name");
    if (name != null && !name.isEmpty()) {
      return name;
    }
    for (String attribute : config.getList("otel.resource.attributes")) {
      if (attribute.startsWith("service.name=")) {
        return attribute.substring("service.name=".length());
      }
    }
    return "unknown_service:java";
  }

  static String version(File agentJar) {
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(agentJar, false)) {
      String v = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
      return v != null ? v : "dev";
    } catch (Exception e) {
      return "dev";
    }
  }
}
