package dev.weft.instrumentation.jdbc.bootstrap;

/**
 * Replaces every literal of a SQL text by {@code ?} and finds its operation and collection, in one
 * left-to-right pass over the characters: no regular expression, no backtracking, no recursion, so
 * the time is linear in the input and a hostile text (1 MB, ten thousand nested parentheses, a quote
 * that never closes) costs what a long normal one costs.
 *
 * <ul>
 *   <li>Literals: strings ({@code '..'} with {@code ''} and, where the dialect has them, backslash
 *       escapes; {@code N'..'}, {@code E'..'}, {@code X'..'}, {@code B'..'}, {@code U&'..'},
 *       {@code _utf8'..'}, Oracle {@code q'[..]'}), numbers ({@code 42}, {@code -1.5e3},
 *       {@code 0x1F}, {@code .5}), dollar-quoted strings ({@code $$..$$}, {@code $tag$..$tag$}) and,
 *       for MySQL, {@code "..."} strings. An unterminated literal runs to the end of the text and is
 *       one {@code ?}.
 *   <li>{@code IN (1, 2, 3)} and {@code IN (?, ?, ?)} become {@code IN (?)}, so the text does not
 *       change with the list's length.
 *   <li>Comments are dropped (they may hold anything, e.g. a user name in a sqlcommenter tag).
 *   <li>Kept as written: keywords, identifiers, quoted identifiers ({@code "x"}, {@code `x`},
 *       {@code [x]}), placeholders ({@code ?}, {@code $1}, {@code :name}, {@code @p1}), operators,
 *       white space, {@code TRUE}/{@code FALSE}/{@code NULL}.
 *   <li>The output is at most {@link #MAX_TEXT_LENGTH} characters (then {@code ...}); lexing stops
 *       there, so the cost of a huge text is bounded by its longest single token.
 * </ul>
 *
 * <p>The operation is the first keyword of the first statement (upper case; for {@code WITH} the main
 * statement's); the collection is the table after {@code FROM} (single-table {@code SELECT} and
 * {@code DELETE}), {@code INTO} ({@code INSERT}, {@code MERGE}), {@code UPDATE}, {@code TABLE} (DDL) or
 * {@code TRUNCATE}, as written (qualified, quoted); none when a {@code SELECT} reads several tables
 * or several statements name different ones. {@code CALL p} / {@code EXEC p} name a procedure.
 */
public final class SqlSanitizer {
  /** The longest {@code db.query.text} recorded; a longer text is cut and ends with {@code ...}. */
  public static final int MAX_TEXT_LENGTH = 16 * 1024;

  static final String TRUNCATED = "...";
  private static final int MAX_NAME_LENGTH = 256;
  private static final int MAX_DOLLAR_TAG = 64;

  private SqlSanitizer() {}

  /** Literals replaced, operation and collection found. */
  public static SqlStatementInfo sanitize(String sql, SqlDialect dialect) {
    return analyze(sql, dialect, true, MAX_TEXT_LENGTH);
  }

  /**
   * With {@code replaceLiterals} false the text is kept as it is (only cut at the limit): the user
   * turned sanitizing off; operation and collection are still found.
   */
  public static SqlStatementInfo analyze(String sql, SqlDialect dialect, boolean replaceLiterals) {
    return analyze(sql, dialect, replaceLiterals, MAX_TEXT_LENGTH);
  }

  static SqlStatementInfo analyze(String sql, SqlDialect dialect, boolean replaceLiterals, int maxLength) {
    if (sql == null) {
      return new SqlStatementInfo(null, null, null, null);
    }
    Lexer lexer = new Lexer(sql, dialect == null ? SqlDialect.ANSI : dialect, replaceLiterals, maxLength);
    lexer.run();
    String text;
    if (replaceLiterals) {
      text = lexer.out.toString();
    } else {
      text = sql.length() > maxLength ? sql.substring(0, maxLength) + TRUNCATED : sql;
    }
    return new SqlStatementInfo(text, lexer.operation, lexer.collection, lexer.procedure);
  }

  private static final class Lexer {
    // extractor states, per statement
    private static final int START = 0;
    private static final int WITH = 1;
    private static final int SEEK = 2;
    private static final int NAME = 3;
    private static final int IN_NAME = 4;
    private static final int AFTER_DOT = 5;
    private static final int AFTER_FROM = 6;
    private static final int DONE = 7;

    final String sql;
    final int n;
    final SqlDialect d;
    final StringBuilder out; // null: text kept as is, only the extraction runs
    final int max;
    boolean truncated;
    /** White space right after a dropped comment that already left a separator is not doubled. */
    boolean afterComment;

    // IN-list collapsing
    boolean pendingIn;
    boolean inList;
    int listLiterals;

    int depth;

    // the statement being read
    int state = START;
    String op;
    int baseDepth;
    String seekKeyword;
    int seekBudget;
    int nameStart = -1;
    int nameEnd = -1;
    boolean sawToken;

    // the result
    String operation;
    String collection;
    String procedure;
    boolean collectionConflict;
    int statements;

    Lexer(String sql, SqlDialect d, boolean replace, int max) {
      this.sql = sql;
      this.n = sql.length();
      this.d = d;
      this.max = max;
      this.out = replace ? new StringBuilder(Math.min(n, max) + 8) : null;
    }

    void run() {
      int i = 0;
      while (i < n) {
        if (out != null ? out.length() >= max : i >= max) {
          truncated = truncated || i < n;
          break;
        }
        char c = sql.charAt(i);
        char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
        if (!Character.isWhitespace(c)) {
          afterComment = false;
        }
        if (c == '\'') {
          i = string(i + 1, '\'', d.backslashEscapes);
        } else if (c == '"') {
          i = d.doubleQuoteIsString ? string(i + 1, '"', d.backslashEscapes) : quotedIdentifier(i, '"');
        } else if (c == '`') {
          i = quotedIdentifier(i, '`');
        } else if (c == '[' && d.bracketIdentifiers) {
          i = quotedIdentifier(i, ']');
        } else if (c == '-' && next == '-') {
          i = lineComment(i);
        } else if (c == '#' && d.hashComments) {
          i = lineComment(i);
        } else if (c == '/' && next == '*') {
          i = blockComment(i);
        } else if (c == '$') {
          i = dollar(i, next);
        } else if (isDigit(c) || (c == '.' && isDigit(next) && (i == 0 || !isIdentifierPart(sql.charAt(i - 1))))) {
          i = number(i, next);
        } else if (isIdentifierStart(c)) {
          i = word(i);
        } else {
          i = punctuation(i, c, next);
        }
      }
      if (inList) {
        endList(false);
      }
      endStatement();
      if (out != null && truncated) {
        out.append(TRUNCATED);
      }
    }

    // ---- output

    private void write(char c) {
      if (out == null) {
        return;
      }
      if (out.length() >= max) {
        truncated = true;
        return;
      }
      out.append(c);
    }

    private void write(int start, int end) {
      if (out == null) {
        return;
      }
      int room = max - out.length();
      if (end - start > room) {
        out.append(sql, start, start + Math.max(room, 0));
        truncated = true;
      } else {
        out.append(sql, start, end);
      }
    }

    private void literal() {
      pendingIn = false;
      if (inList) {
        listLiterals++;
        return;
      }
      write('?');
      sawToken = true;
    }

    /** A token that is neither literal nor list punctuation ends an IN list. */
    private void endList(boolean more) {
      inList = false;
      if (listLiterals > 0 && out != null) {
        write('?');
        if (more) {
          write(',');
          write(' ');
        }
      }
    }

    // ---- tokens

    private int string(int bodyStart, char quote, boolean backslashEscapes) {
      int j = bodyStart;
      while (j < n) {
        char c = sql.charAt(j);
        if (c == '\\' && backslashEscapes) {
          j += 2;
        } else if (c == quote) {
          if (j + 1 < n && sql.charAt(j + 1) == quote) {
            j += 2;
          } else {
            j++;
            literal();
            return j;
          }
        } else {
          j++;
        }
      }
      literal(); // unterminated: everything up to the end is the literal
      return n;
    }

    /** Oracle's {@code q'[ ... ]'}: the character after the quote picks the closing one. */
    private int alternativeQuote(int quoteIndex) {
      if (quoteIndex + 1 >= n) {
        literal();
        return n;
      }
      char open = sql.charAt(quoteIndex + 1);
      char close = open == '[' ? ']' : open == '{' ? '}' : open == '(' ? ')' : open == '<' ? '>' : open;
      for (int j = quoteIndex + 2; j + 1 < n; j++) {
        if (sql.charAt(j) == close && sql.charAt(j + 1) == '\'') {
          literal();
          return j + 2;
        }
      }
      literal();
      return n;
    }

    private int quotedIdentifier(int start, char close) {
      int j = start + 1;
      while (j < n) {
        if (sql.charAt(j) == close) {
          if (j + 1 < n && sql.charAt(j + 1) == close && close != ']') {
            j += 2;
            continue;
          }
          significant();
          write(start, j + 1);
          identifier(start, j + 1);
          return j + 1;
        }
        j++;
      }
      // Never closed: it may swallow literals, so it is not copied.
      literal();
      return n;
    }

    private int lineComment(int start) {
      int j = start;
      while (j < n && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
        j++;
      }
      separator();
      return j;
    }

    private int blockComment(int start) {
      int nesting = 1;
      int j = start + 2;
      while (j < n) {
        char c = sql.charAt(j);
        if (c == '*' && j + 1 < n && sql.charAt(j + 1) == '/') {
          j += 2;
          if (--nesting == 0) {
            separator();
            return j;
          }
        } else if (c == '/' && j + 1 < n && sql.charAt(j + 1) == '*' && d.nestedComments) {
          nesting++;
          j += 2;
        } else {
          j++;
        }
      }
      separator(); // unterminated: a comment to the end
      return n;
    }

    /** A dropped comment still separates the tokens around it. */
    private void separator() {
      afterComment = true;
      if (out != null && !inList && out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1))) {
        write(' ');
      }
    }

    private int dollar(int start, char next) {
      if (isDigit(next)) { // $1: a positional parameter
        int j = start + 1;
        while (j < n && isDigit(sql.charAt(j))) {
          j++;
        }
        placeholder(start, j);
        return j;
      }
      if (d.dollarQuotes) {
        int j = start + 1;
        while (j < n && j - start <= MAX_DOLLAR_TAG && isTagPart(sql.charAt(j), j == start + 1)) {
          j++;
        }
        if (j < n && sql.charAt(j) == '$') {
          String delimiter = sql.substring(start, j + 1);
          // The tag is short (bounded above), so this search is linear in the text.
          int close = sql.indexOf(delimiter, j + 1);
          literal();
          return close < 0 ? n : close + delimiter.length();
        }
      }
      return punctuation(start, '$', next);
    }

    private int number(int start, char next) {
      int j = start;
      if (sql.charAt(start) == '0' && (next == 'x' || next == 'X' || next == 'b' || next == 'B')) {
        j = start + 2;
      } else {
        while (j < n && isDigit(sql.charAt(j))) {
          j++;
        }
        if (j < n && sql.charAt(j) == '.') {
          j++;
          while (j < n && isDigit(sql.charAt(j))) {
            j++;
          }
        }
        if (j < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
          int k = j + 1;
          if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) {
            k++;
          }
          if (k < n && isDigit(sql.charAt(k))) {
            j = k;
          }
        }
      }
      // Suffixes and hex digits (1L, 2f, 0xFF, 12abc) belong to the literal.
      while (j < n && isIdentifierPart(sql.charAt(j))) {
        j++;
      }
      literal();
      return j;
    }

    private int word(int start) {
      int j = start + 1;
      while (j < n && isIdentifierPart(sql.charAt(j))) {
        j++;
      }
      int len = j - start;
      if (j < n && sql.charAt(j) == '\'') {
        char c0 = sql.charAt(start);
        if (len == 1 && "NnXxBbEe".indexOf(c0) >= 0) {
          boolean escapes = d.backslashEscapes || (d == SqlDialect.POSTGRESQL && (c0 == 'E' || c0 == 'e'));
          return string(j + 1, '\'', escapes);
        }
        if ((len == 1 && (c0 == 'q' || c0 == 'Q'))
            || (len == 2 && (c0 == 'n' || c0 == 'N') && (sql.charAt(start + 1) == 'q' || sql.charAt(start + 1) == 'Q'))) {
          return d == SqlDialect.ANSI ? alternativeQuote(j) : string(j + 1, '\'', d.backslashEscapes);
        }
        if (c0 == '_' && len > 1) { // MySQL character set introducer: _utf8mb4'...'
          return string(j + 1, '\'', d.backslashEscapes);
        }
      }
      if (len == 1 && (sql.charAt(start) == 'u' || sql.charAt(start) == 'U')
          && j + 1 < n && sql.charAt(j) == '&' && sql.charAt(j + 1) == '\'') {
        return string(j + 2, '\'', false);
      }
      if (sql.charAt(start) == '@') { // SQL Server variable or named parameter
        placeholder(start, j);
        return j;
      }
      if (inList) {
        endList(true);
      }
      boolean isIn = is(start, j, "IN");
      write(start, j);
      sawToken = true;
      keyword(start, j);
      pendingIn = isIn;
      return j;
    }

    private void placeholder(int start, int end) {
      pendingIn = false;
      if (inList) {
        listLiterals++;
        return;
      }
      write(start, end);
      sawToken = true;
    }

    private int punctuation(int i, char c, char next) {
      if (Character.isWhitespace(c)) {
        boolean doubled = afterComment && out != null && out.length() > 0
            && Character.isWhitespace(out.charAt(out.length() - 1));
        if (!inList && !doubled) {
          write(c);
        }
        return i + 1;
      }
      if (c == '?') {
        placeholder(i, i + 1);
        return i + 1;
      }
      if (c == ':' && isIdentifierStart(next)) { // :name
        int j = i + 2;
        while (j < n && isIdentifierPart(sql.charAt(j))) {
          j++;
        }
        placeholder(i, j);
        return j;
      }
      if (inList) {
        if (c == ',' || c == '+' || c == '-') {
          return i + 1; // list separators and signs of its numbers
        }
        if (c == ')') {
          endList(false);
          write(')');
          closeParen();
          return i + 1;
        }
        endList(true);
      }
      if (c == '(') {
        boolean startsList = pendingIn;
        pendingIn = false;
        write('(');
        if (state == IN_NAME || state == AFTER_DOT) {
          finishName('(');
        } else if (state == NAME) {
          state = DONE; // FROM (SELECT ...): a derived table, no collection
        }
        depth++;
        if (startsList) {
          inList = true;
          listLiterals = 0;
        }
        return i + 1;
      }
      pendingIn = false;
      write(c);
      switch (c) {
        case ')':
          closeParen();
          break;
        case ';':
          if (depth == 0) {
            endStatement();
          }
          break;
        case ',':
          if (state == AFTER_FROM && depth == baseDepth) {
            nameStart = -1; // FROM a, b: more than one table
            state = DONE;
          } else if (state == IN_NAME) {
            finishName(',');
          }
          break;
        case '.':
          if (state == IN_NAME) {
            state = AFTER_DOT;
          }
          break;
        case '{':
        case '}':
        case '=':
          break; // JDBC escapes: {call p(?)}, {? = call p(?)}
        default:
          other();
      }
      return i + 1;
    }

    /** Any token the extractor does not look at, other than the ones handled above. */
    private void other() {
      sawToken = true;
      if (state == IN_NAME || state == AFTER_DOT) {
        finishName('\0');
      }
    }

    private void closeParen() {
      if (depth > 0) {
        depth--;
      }
      if (state == IN_NAME || state == AFTER_DOT) {
        finishName(')');
      }
      if (state == AFTER_FROM && depth < baseDepth) {
        state = DONE;
      }
    }

    // ---- operation and collection

    private void identifier(int start, int end) {
      sawToken = true;
      if (state == NAME || state == AFTER_DOT) {
        name(start, end);
      } else if (state == IN_NAME) {
        finishName('\0');
      }
    }

    private void name(int start, int end) {
      if (state == NAME) {
        nameStart = start;
      }
      nameEnd = end;
      state = IN_NAME;
    }

    private void finishName(char next) {
      state = "SELECT".equals(op) || "DELETE".equals(op) ? AFTER_FROM : DONE;
      if (next == ',' && state == AFTER_FROM) {
        nameStart = -1;
        state = DONE;
      }
    }

    private void keyword(int s, int e) {
      switch (state) {
        case START:
          startOperation(s, e);
          return;
        case WITH:
          if (depth == baseDepth) {
            String main = operationKeyword(s, e);
            if (main == "SELECT" || main == "INSERT" || main == "UPDATE" || main == "DELETE" || main == "MERGE") {
              op = main;
              seekFor(main);
            }
          }
          return;
        case SEEK:
          if (depth == baseDepth && is(s, e, seekKeyword)) {
            state = NAME;
          } else if (seekBudget > 0 && --seekBudget == 0) {
            state = DONE;
          }
          return;
        case NAME:
          if (isModifier(s, e)) {
            return;
          }
          name(s, e);
          return;
        case AFTER_DOT:
          name(s, e);
          return;
        case IN_NAME:
          finishName('\0');
          keyword(s, e); // the word after the name, e.g. JOIN or WHERE
          return;
        case AFTER_FROM:
          if (depth == baseDepth) {
            if (is(s, e, "JOIN")) {
              nameStart = -1;
              state = DONE;
            } else if (is(s, e, "WHERE") || is(s, e, "GROUP") || is(s, e, "ORDER") || is(s, e, "LIMIT")
                || is(s, e, "HAVING") || is(s, e, "UNION") || is(s, e, "FETCH") || is(s, e, "FOR")
                || is(s, e, "OFFSET") || is(s, e, "WINDOW") || is(s, e, "USING") || is(s, e, "RETURNING")) {
              state = DONE;
            }
          }
          return;
        default:
      }
    }

    private void startOperation(int s, int e) {
      op = operationKeyword(s, e);
      baseDepth = depth;
      if (op == null) {
        state = DONE;
        return;
      }
      if (op == "WITH") {
        op = null;
        state = WITH;
        return;
      }
      seekFor(op);
    }

    private void seekFor(String operation) {
      seekBudget = 0;
      switch (operation) {
        case "SELECT":
        case "DELETE":
          seek("FROM");
          break;
        case "INSERT":
        case "REPLACE":
        case "UPSERT":
        case "MERGE":
          seek("INTO");
          break;
        case "UPDATE":
        case "CALL":
        case "EXEC":
        case "EXECUTE":
        case "TRUNCATE":
          state = NAME;
          break;
        case "CREATE":
        case "DROP":
        case "ALTER":
          seek("TABLE");
          seekBudget = 4; // CREATE GLOBAL TEMPORARY TABLE; not CREATE INDEX ... (no TABLE soon)
          break;
        default:
          state = DONE;
      }
    }

    private void seek(String keyword) {
      seekKeyword = keyword;
      state = SEEK;
    }

    private boolean isModifier(int s, int e) {
      return is(s, e, "IF") || is(s, e, "NOT") || is(s, e, "EXISTS") || is(s, e, "ONLY")
          || is(s, e, "IGNORE") || is(s, e, "LOW_PRIORITY") || is(s, e, "TABLE");
    }

    private void endStatement() {
      if (state == IN_NAME || state == AFTER_DOT) {
        finishName('\0');
      }
      if (sawToken) {
        String name = nameStart >= 0 && nameEnd > nameStart && nameEnd - nameStart <= MAX_NAME_LENGTH
            ? sql.substring(nameStart, nameEnd) : null;
        boolean isProcedure = op == "CALL" || op == "EXEC" || op == "EXECUTE";
        String coll = isProcedure ? null : name;
        statements++;
        if (statements == 1) {
          operation = op;
          collection = coll;
          procedure = isProcedure ? name : null;
        } else if (coll != null && !collectionConflict) {
          if (collection == null) {
            collection = coll;
          } else if (!collection.equals(coll)) {
            collection = null;
            collectionConflict = true;
          }
        }
      }
      state = START;
      op = null;
      nameStart = -1;
      nameEnd = -1;
      sawToken = false;
      pendingIn = false;
    }

    /**
     * The operation keyword as one of the constants below (compared by identity in this class), or
     * null for a word that is not an operation.
     */
    private String operationKeyword(int s, int e) {
      switch (e - s) {
        case 3:
          return pick(s, e, "SET", "USE");
        case 4:
          return pick(s, e, "CALL", "DROP", "EXEC", "SHOW", "WITH", "LOCK", "COPY");
        case 5:
          return pick(s, e, "ALTER", "BEGIN", "GRANT", "MERGE", "START");
        case 6:
          return pick(s, e, "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "COMMIT", "REVOKE", "UPSERT", "VALUES");
        case 7:
          return pick(s, e, "REPLACE", "EXECUTE", "EXPLAIN", "DECLARE", "ANALYZE", "RELEASE", "PREPARE");
        case 8:
          return pick(s, e, "ROLLBACK", "TRUNCATE");
        case 9:
          return pick(s, e, "SAVEPOINT");
        default:
          return null;
      }
    }

    private String pick(int s, int e, String... candidates) {
      for (String k : candidates) {
        if (sql.regionMatches(true, s, k, 0, k.length())) {
          return k;
        }
      }
      return null;
    }

    private boolean is(int s, int e, String keyword) {
      return e - s == keyword.length() && sql.regionMatches(true, s, keyword, 0, keyword.length());
    }

    /** Every token that is not white space or a comment ends a pending IN. */
    private void significant() {
      pendingIn = false;
      if (inList) {
        endList(true);
      }
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@'
          || (c > 127 && Character.isLetter(c));
    }

    private static boolean isIdentifierPart(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
          || (c > 127 && Character.isLetterOrDigit(c));
    }

    private static boolean isTagPart(char c, boolean first) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
    }
  }
}
