package dev.weft.instrumentation.servlet.bootstrap;

import java.util.Collection;

/**
 * The {@code http.route} of a request from the servlet mapping that selected its servlet, with the
 * context path in front: {@code /app/users/*} (path mapping), {@code /app/*.do} (extension),
 * {@code /app/hello} (exact), {@code /app/*} (the default servlet), {@code /app/} (context root).
 * Never the raw request path: routes must have bounded cardinality.
 */
public final class ServletRoutes {
  /** Set by Spring MVC's HandlerMapping: the controller's pattern, e.g. {@code /users/{id}}. */
  public static final String SPRING_BEST_MATCHING_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  private ServletRoutes() {}

  /**
   * Servlet 4.0+ ({@code HttpServletMapping}): {@code matchName} is the {@code MappingMatch} constant's
   * name, {@code pattern} the url-pattern that matched.
   */
  public static String fromMapping(String contextPath, String matchName, String pattern) {
    if (matchName == null) {
      return null;
    }
    // Per request: an application at the root context (the common case) gets its route without a copy.
    String base = contextPath == null ? "" : contextPath;
    boolean root = base.isEmpty();
    switch (matchName) {
      case "CONTEXT_ROOT":
        return root ? "/" : base + "/";
      case "DEFAULT":
        return root ? "/*" : base + "/*";
      case "EXACT":
      case "PATH":
        return pattern == null || pattern.isEmpty() ? null : root ? pattern : base + pattern;
      case "EXTENSION":
        return pattern == null || pattern.isEmpty() ? null : base + "/" + pattern;
      default:
        return null;
    }
  }

  /**
   * Servlet 3.x (no {@code HttpServletMapping}): which of the servlet's registered url-patterns produced
   * this servlet path / path info split. The container applied the spec's precedence (exact, longest
   * path prefix, extension, default) already; the split tells which kind won.
   */
  public static String fromRegistration(
      String contextPath, Collection<String> mappings, String servletPath, String pathInfo) {
    String base = contextPath == null ? "" : contextPath;
    String path = servletPath == null ? "" : servletPath;
    if (mappings == null || mappings.isEmpty()) {
      // Unknown mappings: only a path mapping is recognisable from the split alone. An exact and a
      // default mapping look the same (the whole path as servlet path), so say nothing.
      return pathInfo != null ? base + path + "/*" : null;
    }
    String pathMatch = null;
    String extensionMatch = null;
    boolean hasDefault = false;
    for (String mapping : mappings) {
      if (mapping == null) {
        continue;
      }
      if (mapping.isEmpty()) {
        if (path.isEmpty() && (pathInfo == null || "/".equals(pathInfo))) {
          return base + "/"; // the context root: servlet path "", path info "/"
        }
      } else if (mapping.endsWith("/*")) {
        if (path.equals(mapping.substring(0, mapping.length() - 2))) {
          pathMatch = mapping;
        }
      } else if (pathInfo != null) {
        continue; // only a path mapping leaves a path info
      } else if (mapping.startsWith("*.")) {
        if (path.endsWith(mapping.substring(1))) {
          extensionMatch = mapping;
        }
      } else if (mapping.equals("/")) {
        hasDefault = true;
      } else if (mapping.equals(path)) {
        return base + mapping; // exact beats everything
      }
    }
    if (pathMatch != null) {
      return base + pathMatch;
    }
    if (extensionMatch != null) {
      return base + "/" + extensionMatch;
    }
    if (hasDefault) {
      return base + "/*";
    }
    return pathInfo != null ? base + path + "/*" : null;
  }

  /**
   * Spring MVC's pattern is relative to the DispatcherServlet: after the context path, and after the
   * servlet path when the DispatcherServlet has a path mapping ({@code /api/*}).
   */
  public static String springRoute(String contextPath, String servletPath, String pathInfo, String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      return null;
    }
    StringBuilder route = new StringBuilder();
    if (contextPath != null) {
      route.append(contextPath);
    }
    if (pathInfo != null && servletPath != null) {
      route.append(servletPath);
    }
    if (pattern.charAt(0) != '/') {
      route.append('/');
    }
    return route.append(pattern).toString();
  }
}
