package dev.weft.agent;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URI;
import java.net.URL;
import java.util.Properties;
import java.util.jar.JarFile;

/**
 * The {@code -javaagent} entry point. Kept trivial and Java 8-safe: it puts the jar's bootstrap part on
 * the bootstrap class path, creates Weft's own class loader over the hidden {@code inst/} entries and
 * hands over. Nothing here may throw into the application.
 */
public final class WeftAgent {
  private static boolean started;

  private WeftAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(inst, true);
  }

  private static synchronized void start(Instrumentation inst, boolean attached) {
    if (started) {
      return;
    }
    started = true;
    try {
      if (!isEnabled()) {
        return;
      }
      File jar = agentJar();
      JarFile jarFile = new JarFile(jar, false);
      if (!bootstrapPartLoaded()) {
        // The manifest's Boot-Class-Path names the jar as it is built; a renamed jar lands here.
        inst.appendToBootstrapClassLoaderSearch(jarFile);
      }
      ClassLoader agentLoader = new AgentClassLoader(jarFile, jar);
      Class<?> starter = Class.forName("dev.weft.agent.internal.AgentStarter", true, agentLoader);
      starter
          .getMethod("start", Instrumentation.class, File.class, boolean.class)
          .invoke(null, inst, jar, attached);
    } catch (Throwable t) {
      System.err.println("[weft] WARN the agent did not start, the application runs without it: " + t);
    }
  }

  /**
   * The jar this class came from. With the manifest's Boot-Class-Path in effect the bootstrap loader
   * defines this class (parent first) and gives it no code source, so ask for the class file's URL.
   */
  private static File agentJar() throws Exception {
    URL url = ClassLoader.getSystemResource(WeftAgent.class.getName().replace('.', '/') + ".class");
    String path = url.getPath(); // file:/path/weft-agent.jar!/dev/weft/agent/WeftAgent.class
    return new File(new URI(path.substring(0, path.indexOf("!/"))));
  }

  private static boolean bootstrapPartLoaded() {
    try {
      Class.forName("dev.weft.bootstrap.AgentLog", false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * {@code otel.javaagent.enabled=false} must leave the JVM untouched, so it is read here, before
   * anything is loaded, from the same three places the rest of the configuration comes from.
   */
  private static boolean isEnabled() {
    String value = System.getProperty("otel.javaagent.enabled");
    if (value == null) {
      value = System.getenv("OTEL_JAVAAGENT_ENABLED");
    }
    if (value == null) {
      value = fromConfigFile("otel.javaagent.enabled");
    }
    return !"false".equalsIgnoreCase(value == null ? null : value.trim());
  }

  private static String fromConfigFile(String key) {
    String path = System.getProperty("otel.javaagent.configuration-file");
    if (path == null) {
      path = System.getenv("OTEL_JAVAAGENT_CONFIGURATION_FILE");
    }
    if (path == null || path.trim().isEmpty()) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = new FileInputStream(path.trim())) {
      p.load(in);
    } catch (Exception e) {
      return null; // reported with the rest of the configuration once the agent starts
    }
    return p.getProperty(key);
  }
}
