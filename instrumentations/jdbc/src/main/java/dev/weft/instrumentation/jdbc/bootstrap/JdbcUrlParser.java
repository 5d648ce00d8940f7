package dev.weft.instrumentation.jdbc.bootstrap;

import java.util.Locale;

/**
 * Database system, name, host and port from a JDBC URL, once per connection. Never throws: an odd URL
 * gives what could be read (at least the system, from the sub-protocol). Credentials in the URL
 * ({@code user:password@host}, {@code ;password=}) are skipped, never returned.
 */
public final class JdbcUrlParser {
  private JdbcUrlParser() {}

  /**
   * @param url the connection's {@code DatabaseMetaData.getURL()}, may be null
   * @param connectionClassName the driver's connection class, for a system guess when the URL says
   *     nothing
   */
  public static DbInfo parse(String url, String connectionClassName) {
    try {
      DbInfo info = url == null ? null : parseUrl(url.trim());
      if (info == null || (info.system == DbInfo.OTHER_SQL && connectionClassName != null)) {
        String system = systemOfClass(connectionClassName);
        if (system != null) {
          return info == null ? new DbInfo(system, null, null, null) : new DbInfo(system, info.namespace, info.host, info.port);
        }
      }
      return info == null ? DbInfo.UNKNOWN : info;
    } catch (RuntimeException e) {
      return DbInfo.UNKNOWN;
    }
  }

  private static DbInfo parseUrl(String url) {
    if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return null;
    }
    String rest = url.substring(5);
    // Wrapper drivers put their own name before the real sub-protocol.
    String[] wrappers = {"p6spy:", "log4jdbc:", "tracing:", "otel:", "aws-wrapper:"};
    for (boolean stripped = true; stripped; ) {
      stripped = false;
      for (String w : wrappers) {
        if (rest.regionMatches(true, 0, w, 0, w.length())) {
          rest = rest.substring(w.length());
          stripped = true;
        }
      }
    }
    int colon = rest.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String sub = rest.substring(0, colon).toLowerCase(Locale.ROOT);
    String tail = rest.substring(colon + 1);
    switch (sub) {
      case "postgresql":
      case "pgsql":
        return authority(DbInfo.POSTGRESQL, tail, 5432);
      case "mysql":
      case "mysql+srv":
        return authority(DbInfo.MYSQL, tail, 3306);
      case "mariadb":
        return authority(DbInfo.MARIADB, tail, 3306);
      case "h2":
        return h2(tail);
      case "hsqldb":
        return hsqldb(tail);
      case "sqlserver":
        return sqlServer(tail);
      case "jtds":
        return sqlServer(tail.startsWith("sqlserver:") ? tail.substring("sqlserver:".length()) : tail);
      case "oracle":
        return oracle(tail);
      case "db2":
        return authority(DbInfo.DB2, tail, 50000);
      case "derby":
        return tail.startsWith("//")
            ? authority(DbInfo.DERBY, tail, 1527)
            : new DbInfo(DbInfo.DERBY, beforeAny(tail, ";"), null, null);
      case "sqlite":
        return new DbInfo(DbInfo.SQLITE, beforeAny(tail, "?"), null, null);
      default:
        return authority(DbInfo.OTHER_SQL, tail, -1);
    }
  }

  /**
   * {@code [sub-sub-protocol:]//[user[:password]@]host[:port][,host2...]/database[?params|;params]}, or
   * without {@code //} just the database ({@code jdbc:postgresql:mydb}).
   */
  private static DbInfo authority(String system, String tail, int defaultPort) {
    int slashes = tail.indexOf("//");
    if (slashes < 0) {
      String db = beforeAny(tail, "?;");
      return new DbInfo(system, db.contains(":") ? null : db, null, null);
    }
    String afterSlashes = tail.substring(slashes + 2);
    int end = indexOfAny(afterSlashes, "/?;");
    String hosts = end < 0 ? afterSlashes : afterSlashes.substring(0, end);
    String hostPort = beforeAny(hosts, ","); // several hosts: the first is the one tried first
    int at = hostPort.lastIndexOf('@');
    if (at >= 0) {
      hostPort = hostPort.substring(at + 1);
    }
    String host;
    Integer port = defaultPort > 0 ? defaultPort : null;
    if (hostPort.startsWith("[")) { // [::1]:5432
      int close = hostPort.indexOf(']');
      host = close < 0 ? hostPort.substring(1) : hostPort.substring(1, close);
      if (close >= 0 && close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':') {
        port = parsePort(hostPort.substring(close + 2), port);
      }
    } else {
      int c = hostPort.indexOf(':');
      host = c < 0 ? hostPort : hostPort.substring(0, c);
      if (c >= 0) {
        port = parsePort(hostPort.substring(c + 1), port);
      }
    }
    String db = null;
    if (end >= 0 && afterSlashes.charAt(end) == '/') {
      db = beforeAny(afterSlashes.substring(end + 1), "?;");
    }
    if (db == null || db.isEmpty()) {
      db = parameter(afterSlashes, "database");
    }
    return new DbInfo(system, db, host, port);
  }

  /** {@code mem:name}, {@code file:path}, {@code ~/path}, {@code tcp://host:port/path}, {@code ssl://...}. */
  private static DbInfo h2(String tail) {
    String t = beforeAny(tail, ";");
    if (t.startsWith("tcp:") || t.startsWith("ssl:")) {
      return authority(DbInfo.H2, t.substring(4), 9092);
    }
    for (String prefix : new String[] {"mem:", "file:", "zip:", "split:", "nio:", "nioMapped:", "async:"}) {
      if (t.startsWith(prefix)) {
        t = t.substring(prefix.length());
        break;
      }
    }
    return new DbInfo(DbInfo.H2, t, null, null);
  }

  /** {@code mem:name}, {@code file:path}, {@code res:path}, {@code hsql://host:port/alias}, {@code http(s)://...}. */
  private static DbInfo hsqldb(String tail) {
    String t = beforeAny(tail, ";");
    if (t.startsWith("hsql:")) {
      return authority(DbInfo.HSQLDB, t.substring(5), 9001);
    }
    if (t.startsWith("hsqls:")) {
      return authority(DbInfo.HSQLDB, t.substring(6), 554);
    }
    if (t.startsWith("http:")) {
      return authority(DbInfo.HSQLDB, t.substring(5), 80);
    }
    if (t.startsWith("https:")) {
      return authority(DbInfo.HSQLDB, t.substring(6), 443);
    }
    for (String prefix : new String[] {"mem:", "file:", "res:"}) {
      if (t.startsWith(prefix)) {
        return new DbInfo(DbInfo.HSQLDB, t.substring(prefix.length()), null, null);
      }
    }
    return new DbInfo(DbInfo.HSQLDB, t, null, null);
  }

  /** {@code //host[\instance][:port][;databaseName=db;...]}. */
  private static DbInfo sqlServer(String tail) {
    if (!tail.startsWith("//")) {
      return new DbInfo(DbInfo.MSSQL, parameter(tail, "databaseName"), null, null);
    }
    String afterSlashes = tail.substring(2);
    String hostPart = beforeAny(afterSlashes, ";/");
    Integer port = 1433;
    int c = hostPart.indexOf(':');
    if (c >= 0) {
      port = parsePort(hostPart.substring(c + 1), port);
      hostPart = hostPart.substring(0, c);
    }
    String host = beforeAny(hostPart, "\\");
    String db = parameter(afterSlashes, "databaseName");
    if (db == null) {
      db = parameter(afterSlashes, "database");
    }
    return new DbInfo(DbInfo.MSSQL, db, host, port);
  }

  /** {@code thin:@host:port:SID}, {@code thin:@//host:port/service}, {@code thin:@(DESCRIPTION=...)}. */
  private static DbInfo oracle(String tail) {
    int at = tail.indexOf('@');
    if (at < 0) {
      return new DbInfo(DbInfo.ORACLE, null, null, null);
    }
    String target = tail.substring(at + 1).trim();
    if (target.startsWith("//")) {
      return authority(DbInfo.ORACLE, target, 1521);
    }
    if (target.startsWith("(")) {
      String host = descriptorValue(target, "HOST");
      Integer port = parsePort(descriptorValue(target, "PORT"), 1521);
      String service = descriptorValue(target, "SERVICE_NAME");
      return new DbInfo(DbInfo.ORACLE, service != null ? service : descriptorValue(target, "SID"), host, port);
    }
    String[] parts = beforeAny(target, "?").split("[:/]");
    Integer port = parts.length > 1 ? parsePort(parts[1], 1521) : Integer.valueOf(1521);
    return new DbInfo(DbInfo.ORACLE, parts.length > 2 ? parts[2] : null, parts[0], port);
  }

  private static String descriptorValue(String descriptor, String key) {
    String upper = descriptor.toUpperCase(Locale.ROOT);
    int i = upper.indexOf("(" + key + "=");
    if (i < 0) {
      return null;
    }
    int start = i + key.length() + 2;
    int end = descriptor.indexOf(')', start);
    return end < 0 ? null : descriptor.substring(start, end).trim();
  }

  /** A {@code name=value} parameter after {@code ?}/{@code &} or {@code ;}. */
  private static String parameter(String s, String name) {
    String lower = s.toLowerCase(Locale.ROOT);
    String key = name.toLowerCase(Locale.ROOT) + "=";
    int from = 0;
    while (true) {
      int i = lower.indexOf(key, from);
      if (i < 0) {
        return null;
      }
      char before = i == 0 ? ';' : lower.charAt(i - 1);
      if (before == '?' || before == '&' || before == ';') {
        String v = beforeAny(s.substring(i + key.length()), "&;");
        return v.isEmpty() ? null : v;
      }
      from = i + 1;
    }
  }

  private static Integer parsePort(String s, Integer fallback) {
    if (s == null) {
      return fallback;
    }
    String digits = beforeAny(s.trim(), "/?;,");
    try {
      int p = Integer.parseInt(digits);
      return p > 0 && p < 65536 ? Integer.valueOf(p) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String beforeAny(String s, String stops) {
    int i = indexOfAny(s, stops);
    return i < 0 ? s : s.substring(0, i);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** When the URL says nothing: the driver's package tells the system. */
  static String systemOfClass(String className) {
    if (className == null) {
      return null;
    }
    if (className.startsWith("org.postgresql.")) {
      return DbInfo.POSTGRESQL;
    }
    if (className.startsWith("org.mariadb.")) {
      return DbInfo.MARIADB;
    }
    if (className.startsWith("com.mysql.")) {
      return DbInfo.MYSQL;
    }
    if (className.startsWith("org.h2.")) {
      return DbInfo.H2;
    }
    if (className.startsWith("org.hsqldb.")) {
      return DbInfo.HSQLDB;
    }
    if (className.startsWith("com.microsoft.sqlserver.")) {
      return DbInfo.MSSQL;
    }
    if (className.startsWith("oracle.jdbc.")) {
      return DbInfo.ORACLE;
    }
    return null;
  }
}
