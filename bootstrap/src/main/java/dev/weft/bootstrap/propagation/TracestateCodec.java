package dev.weft.bootstrap.propagation;

import io.opentelemetry.api.trace.TraceState;
import java.util.Collections;
import java.util.Iterator;
import java.util.function.BiConsumer;

/**
 * The {@code tracestate} list, read and written as W3C Trace Context Level 2 §3.3 says. Plain char
 * checks, no regex. The common case (one header line, already in canonical form: no optional
 * whitespace, no empty or invalid member) allocates one small object and forwards the incoming string
 * itself; entries are only split out if someone asks for them.
 *
 * <p>Reading rules, each tested in {@code TracestateCodecTest}:
 *
 * <ul>
 *   <li>Several header lines are one list, combined in order (RFC 7230 §3.2.2): a line boundary is a
 *       comma.
 *   <li>Spaces and tabs around a member are optional whitespace and dropped; empty and whitespace-only
 *       members are allowed and skipped (an empty header is accepted and yields no tracestate).
 *   <li>{@code key = simple-key / multi-tenant-key}: a simple key is {@code lcalpha} then up to 255 of
 *       {@code a-z 0-9 _ - * /}; a multi-tenant key is a tenant id ({@code lcalpha / DIGIT} then up to 240
 *       of those) {@code @} a system id ({@code lcalpha} then up to 13).
 *   <li>{@code value}: 1 to 256 printable ASCII characters (0x20–0x7e) except {@code ,} and {@code =},
 *       not ending in a space; leading spaces are part of the value.
 *   <li>An invalid member is dropped and the rest kept: the specification lets a vendor discard
 *       invalid entries ("Invalid tracestate entries MAY also be discarded", §4.3), so the valid part
 *       of the header is not lost.
 *   <li>A repeated key keeps its first (left-most, most recent) entry; later ones are dropped ("Only
 *       one entry per key is allowed", §3.3.1.4).
 *   <li>At most 32 members (§3.3.1.1). Beyond that the list is truncated by whole entries as
 *       §3.3.1.5 asks: entries longer than 128 characters go first, then entries from the end.
 * </ul>
 *
 * The specification asks to propagate at least 512 characters; Weft keeps the whole list within those
 * limits (at most 32 × 513 characters plus commas).
 */
public final class TracestateCodec {
  /** §3.3.1.1: "There can be a maximum of 32 list-members in a list." */
  public static final int MAX_MEMBERS = 32;

  /** §3.3.1.5: "Entries larger than 128 characters long SHOULD be removed first." */
  public static final int LONG_MEMBER = 128;

  static final int MAX_KEY = 256;
  static final int MAX_TENANT_ID = 241;
  static final int MAX_SYSTEM_ID = 14;
  static final int MAX_VALUE = 256;

  private TracestateCodec() {}

  /** One {@code tracestate} header line. Never throws; {@link TraceState#getDefault()} when empty. */
  public static TraceState parse(String header) {
    return parse(header == null ? null : Collections.singletonList(header).iterator());
  }

  /**
   * All {@code tracestate} header lines of a request, in order. Never throws; {@link
   * TraceState#getDefault()} when nothing valid is left. {@code null} lines are skipped.
   */
  public static TraceState parse(Iterator<String> lines) {
    if (lines == null || !lines.hasNext()) {
      return TraceState.getDefault(); // the common case: no tracestate, nothing allocated
    }
    Parser parser = new Parser();
    while (lines.hasNext() && !parser.full()) {
      parser.line(lines.next());
    }
    if (lines.hasNext()) {
      // Only dropped members can follow; the list is no longer the one received.
      parser.canonical = false;
    }
    return parser.result();
  }

  /** The header value to send for a trace state, or {@code null} when it is empty. */
  public static String format(TraceState traceState) {
    if (traceState == null || traceState.isEmpty()) {
      return null;
    }
    if (traceState instanceof ForwardedTraceState) {
      return ((ForwardedTraceState) traceState).header();
    }
    final StringBuilder out = new StringBuilder(traceState.size() * 24);
    traceState.forEach(
        new BiConsumer<String, String>() {
          @Override
          public void accept(String key, String value) {
            if (out.length() > 0) {
              out.append(',');
            }
            out.append(key).append('=').append(value);
          }
        });
    return out.toString();
  }

  /** The key grammar of §3.3.1.3.1 over {@code s[from, to)}. */
  static boolean isValidKey(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > MAX_KEY) {
      return false;
    }
    int at = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      } else if (!isKeyChar(c)) {
        return false;
      }
    }
    if (at < 0) {
      return isLcAlpha(s.charAt(from)); // simple-key = lcalpha 0*255(...)
    }
    int tenant = at - from;
    int system = to - at - 1;
    return tenant >= 1
        && tenant <= MAX_TENANT_ID
        && (isLcAlpha(s.charAt(from)) || isDigit(s.charAt(from)))
        && system >= 1
        && system <= MAX_SYSTEM_ID
        && isLcAlpha(s.charAt(at + 1));
  }

  /**
   * The value grammar of §3.3.1.3.2 over {@code s[from, to)}: {@code 0*255(chr) nblk-chr}, {@code chr =
   * %x20 / nblk-chr}, {@code nblk-chr = %x21-2B / %x2D-3C / %x3E-7E}.
   */
  static boolean isValidValue(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > MAX_VALUE || s.charAt(to - 1) == ' ') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static boolean isKeyChar(char c) {
    return isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '*' || c == '/';
  }

  private static boolean isLcAlpha(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Collects the valid members of all lines; remembers where they are rather than copying them. */
  private static final class Parser {
    private String[] source;
    /** Per member: start, index of '=', end. */
    private int[] at;
    private int count;
    private int shortCount;
    private int lines;
    private String firstLine;
    boolean canonical = true;

    /**
     * True once 32 members of at most 128 characters are kept: whatever follows would be truncated
     * away (long entries go first, then from the end), so there is no need to read it.
     */
    boolean full() {
      return shortCount >= MAX_MEMBERS;
    }

    void line(String line) {
      if (line == null) {
        return;
      }
      if (++lines == 1) {
        firstLine = line;
      } else {
        canonical = false;
      }
      int length = line.length();
      int from = 0;
      while (from <= length) {
        if (full()) {
          canonical = false;
          return;
        }
        int comma = line.indexOf(',', from);
        if (comma < 0) {
          comma = length;
        }
        member(line, from, comma);
        from = comma + 1;
      }
    }

    private void member(String line, int from, int to) {
      int s = from;
      while (s < to && TraceparentCodec.isOws(line.charAt(s))) {
        s++;
      }
      int e = to;
      while (e > s && TraceparentCodec.isOws(line.charAt(e - 1))) {
        e--;
      }
      if (s != from || e != to) {
        canonical = false; // optional whitespace is not forwarded
      }
      if (s == e) {
        canonical = false; // an empty member: allowed, skipped
        return;
      }
      int equals = line.indexOf('=', s);
      if (equals < 0 || equals >= e || !isValidKey(line, s, equals) || !isValidValue(line, equals + 1, e)) {
        canonical = false;
        return;
      }
      for (int i = 0; i < count; i++) {
        int keyStart = at[3 * i];
        if (at[3 * i + 1] - keyStart == equals - s && source[i].regionMatches(keyStart, line, s, equals - s)) {
          canonical = false; // a repeated key: the left-most entry is the current one
          return;
        }
      }
      if (source == null) {
        source = new String[8];
        at = new int[3 * 8];
      } else if (count == source.length) {
        source = java.util.Arrays.copyOf(source, count * 2);
        at = java.util.Arrays.copyOf(at, 3 * count * 2);
      }
      source[count] = line;
      at[3 * count] = s;
      at[3 * count + 1] = equals;
      at[3 * count + 2] = e;
      count++;
      if (e - s <= LONG_MEMBER) {
        shortCount++;
      }
    }

    TraceState result() {
      if (count == 0) {
        return TraceState.getDefault();
      }
      boolean[] removed = null;
      int kept = count;
      if (count > MAX_MEMBERS) {
        canonical = false;
        removed = new boolean[count];
        for (int i = count - 1; i >= 0 && kept > MAX_MEMBERS; i--) {
          if (at[3 * i + 2] - at[3 * i] > LONG_MEMBER) {
            removed[i] = true;
            kept--;
          }
        }
        for (int i = count - 1; i >= 0 && kept > MAX_MEMBERS; i--) {
          if (!removed[i]) {
            removed[i] = true;
            kept--;
          }
        }
      }
      if (canonical) {
        return new ForwardedTraceState(firstLine, kept);
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < count; i++) {
        if (removed != null && removed[i]) {
          continue;
        }
        if (out.length() > 0) {
          out.append(',');
        }
        out.append(source[i], at[3 * i], at[3 * i + 2]);
      }
      return new ForwardedTraceState(out.toString(), kept);
    }
  }
}
