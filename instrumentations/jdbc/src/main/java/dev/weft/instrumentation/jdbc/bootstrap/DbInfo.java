package dev.weft.instrumentation.jdbc.bootstrap;

/**
 * What a connection tells about its database, found once per connection (from its JDBC URL) and
 * shared by every span of its statements.
 */
public final class DbInfo {
  public static final String POSTGRESQL = "postgresql";
  public static final String MYSQL = "mysql";
  public static final String MARIADB = "mariadb";
  public static final String H2 = "h2database";
  public static final String HSQLDB = "hsqldb";
  public static final String MSSQL = "microsoft.sql_server";
  public static final String ORACLE = "oracle.db";
  public static final String DB2 = "ibm.db2";
  public static final String DERBY = "derby";
  public static final String SQLITE = "sqlite";
  public static final String OTHER_SQL = "other_sql";

  /** A connection whose URL could not be read: the attributes Weft can still be sure of. */
  public static final DbInfo UNKNOWN = new DbInfo(OTHER_SQL, null, null, null);

  final String system;
  final String namespace;
  final String host;
  final Integer port;
  final SqlDialect dialect;

  public DbInfo(String system, String namespace, String host, Integer port) {
    this.system = system == null ? OTHER_SQL : system;
    this.namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    this.host = host == null || host.isEmpty() ? null : host;
    this.port = this.host == null ? null : port;
    this.dialect = SqlDialect.of(this.system);
  }

  public String system() {
    return system;
  }

  public String namespace() {
    return namespace;
  }

  public String host() {
    return host;
  }

  public Integer port() {
    return port;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** The pre-1.26 {@code db.system} value, for {@code OTEL_SEMCONV_STABILITY_OPT_IN=database/dup}. */
  String oldSystem() {
    switch (system) {
      case H2:
        return "h2";
      case MSSQL:
        return "mssql";
      case ORACLE:
        return "oracle";
      case DB2:
        return "db2";
      default:
        return system;
    }
  }

  @Override
  public String toString() {
    return system + " " + namespace + " " + host + ":" + port;
  }
}
