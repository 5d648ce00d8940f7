package dev.weft.instrumentation.jdbc.bootstrap;

/**
 * The lexical rules that differ between SQL databases and change what is a literal: a wrong guess
 * here is what leaks a literal, so each flag is the database's own default.
 */
public enum SqlDialect {
  /** Standard SQL (H2, HSQLDB, Oracle, DB2, Derby, unknown): {@code "x"} is an identifier, no backslash escapes. */
  ANSI(false, false, false, false, true, false),
  /** {@code E'..'} backslash escapes, nested block comments, {@code $tag$..$tag$} strings. */
  POSTGRESQL(false, false, false, true, true, false),
  /** MySQL and MariaDB defaults: {@code "x"} is a string, {@code \'} escapes, {@code #} comments. */
  MYSQL(true, true, true, false, false, false),
  /** SQL Server and Sybase: {@code [x]} is an identifier. */
  MSSQL(false, false, false, false, false, true);

  final boolean doubleQuoteIsString;
  final boolean backslashEscapes;
  final boolean hashComments;
  final boolean nestedComments;
  final boolean dollarQuotes;
  final boolean bracketIdentifiers;

  SqlDialect(
      boolean doubleQuoteIsString,
      boolean backslashEscapes,
      boolean hashComments,
      boolean nestedComments,
      boolean dollarQuotes,
      boolean bracketIdentifiers) {
    this.doubleQuoteIsString = doubleQuoteIsString;
    this.backslashEscapes = backslashEscapes;
    this.hashComments = hashComments;
    this.nestedComments = nestedComments;
    this.dollarQuotes = dollarQuotes;
    this.bracketIdentifiers = bracketIdentifiers;
  }

  /** The dialect of a {@code db.system.name} value. */
  public static SqlDialect of(String dbSystemName) {
    if (dbSystemName == null) {
      return ANSI;
    }
    switch (dbSystemName) {
      case DbInfo.POSTGRESQL:
        return POSTGRESQL;
      case DbInfo.MYSQL:
      case DbInfo.MARIADB:
        return MYSQL;
      case DbInfo.MSSQL:
        return MSSQL;
      default:
        return ANSI;
    }
  }
}
