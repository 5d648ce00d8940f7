package dev.weft.tooling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenTelemetry agent's "classes and their methods" list, as in
 * {@code OTEL_INSTRUMENTATION_METHODS_INCLUDE=com.shop.Cart[price,checkout];com.shop.Tax[compute]}:
 * entries separated by {@code ;}, each a fully qualified class name (nested classes with {@code $})
 * and a non-empty, comma-separated method list in brackets; {@code <init>} names the constructors.
 * Blanks around names are ignored.
 *
 * <p>Hand-written rather than a regex so that a malformed entry costs only itself: each one adds one
 * problem (for the start-up warning) and the other entries still apply. The OpenTelemetry agent drops
 * the whole list on the first error.
 */
public final class ClassMethodList {
  /** The constructor, as configured and as {@link net.bytebuddy.description.method.MethodDescription} names it. */
  public static final String CONSTRUCTOR = "<init>";

  private ClassMethodList() {}

  /** Class name to method names, in configuration order; a class named twice gets the union. */
  public static Map<String, Set<String>> parse(String value, List<String> problems) {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    if (value == null) {
      return result;
    }
    for (String rawEntry : value.split(";", -1)) {
      String entry = rawEntry.trim();
      if (entry.isEmpty()) {
        continue; // "a[b];" or ";;": nothing was meant there
      }
      String problem = parseEntry(entry, result);
      if (problem != null) {
        problems.add("entry '" + entry + "' " + problem + "; it is ignored");
      }
    }
    return result;
  }

  /** Adds one {@code Class[m1,m2]} entry, or returns what is wrong with it (and adds nothing). */
  private static String parseEntry(String entry, Map<String, Set<String>> result) {
    int open = entry.indexOf('[');
    if (open < 0 || !entry.endsWith("]")) {
      return "is not Class[method,...]";
    }
    String className = entry.substring(0, open).trim();
    if (!isClassName(className)) {
      return "has no valid class name";
    }
    String inner = entry.substring(open + 1, entry.length() - 1);
    if (inner.indexOf('[') >= 0 || inner.indexOf(']') >= 0) {
      return "is not Class[method,...]";
    }
    Set<String> methods = new LinkedHashSet<>();
    for (String rawMethod : inner.split(",", -1)) {
      String method = rawMethod.trim();
      if (!method.equals(CONSTRUCTOR) && !isIdentifier(method)) {
        return method.isEmpty() ? "has an empty method name" : "has an invalid method name '" + method + "'";
      }
      methods.add(method);
    }
    Set<String> existing = result.get(className);
    if (existing == null) {
      result.put(className, methods);
    } else {
      existing.addAll(methods);
    }
    return null;
  }

  private static boolean isClassName(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
      return false;
    }
    for (String part : name.split("\\.")) {
      if (!isIdentifier(part)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isJavaIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** An unmodifiable view for matchers built once at start-up. */
  public static Map<String, Set<String>> unmodifiable(Map<String, Set<String>> map) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> e : map.entrySet()) {
      copy.put(e.getKey(), Collections.unmodifiableSet(new LinkedHashSet<>(e.getValue())));
    }
    return Collections.unmodifiableMap(copy);
  }
}
