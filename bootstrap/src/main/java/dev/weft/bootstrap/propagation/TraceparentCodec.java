package dev.weft.bootstrap.propagation;

import io.opentelemetry.api.trace.SpanContext;

/**
 * The {@code traceparent} (and Level 2 {@code traceresponse}) value: {@code version "-" trace-id "-"
 * parent-id "-" trace-flags}, read and written exactly as W3C Trace Context Level 2 §3.2 says. Plain
 * char checks, no regex; reading allocates nothing, writing allocates only the result string.
 *
 * <p>Reading rules, each tested in {@code TraceparentCodecTest}:
 *
 * <ul>
 *   <li>Every field is lower-case hex ({@code HEXDIGLC}); anything else, upper case included, is invalid.
 *   <li>Version {@code ff} is invalid. A version prefix that is not two hex characters and a dash is
 *       invalid (restart the trace).
 *   <li>Version {@code 00} is exactly 55 characters: a longer value (extra fields, trailing junk) is
 *       invalid.
 *   <li>A higher version (01–fe) is read with the {@code 00} layout when it is at least 55 characters
 *       long and the flags are at the end or followed by a dash; nothing after that is looked at
 *       ("Vendors MUST NOT parse or assume anything about unknown fields").
 *   <li>An all-zero trace-id or parent-id is invalid.
 *   <li>Only the flags this version knows are kept: {@code sampled} (0x01) and, Level 2,
 *       {@code random-trace-id} (0x02). "Vendors MUST set those [other flags] to zero".
 * </ul>
 */
public final class TraceparentCodec {
  /** Length of a version-00 value: 2 + 1 + 32 + 1 + 16 + 1 + 2. */
  public static final int LENGTH = 55;

  /** The flags Level 2 defines: sampled and random-trace-id. The others are written as zero. */
  public static final int KNOWN_FLAGS = 0x03;

  private static final int TRACE_ID_OFFSET = 3;
  private static final int PARENT_ID_OFFSET = 36;
  private static final int FLAGS_OFFSET = 53;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Per thread: the value is built in place and copied once into its string. */
  private static final ThreadLocal<char[]> BUFFER =
      new ThreadLocal<char[]>() {
        @Override
        protected char[] initialValue() {
          return new char[LENGTH];
        }
      };

  private TraceparentCodec() {}

  /**
   * Validates {@code value[from, to)} (optional whitespace already cut off, see {@link #owsStart} and
   * {@link #owsEnd}) and returns its trace flags masked to {@link #KNOWN_FLAGS}, or -1 when the value
   * must be ignored. The ids are then {@code value.substring(from + 3, from + 35)} and {@code
   * value.substring(from + 36, from + 52)}.
   */
  public static int flagsIfValid(String value, int from, int to) {
    int length = to - from;
    if (value == null || from < 0 || to > value.length() || length < LENGTH) {
      return -1;
    }
    int version = hexByte(value, from);
    // §3.2.2.1: version ff is forbidden; §3.2.4: a prefix that is not 2 hex digits and "-" restarts.
    if (version < 0 || version == 0xff || value.charAt(from + 2) != '-') {
      return -1;
    }
    // §3.2.2.2: version 00 is exactly this layout; §3.2.4: a higher version may only add fields
    // after the flags, separated by a dash.
    if (version == 0 ? length != LENGTH : length > LENGTH && value.charAt(from + LENGTH) != '-') {
      return -1;
    }
    if (!isLowerHexId(value, from + TRACE_ID_OFFSET, 32)
        || value.charAt(from + TRACE_ID_OFFSET + 32) != '-'
        || !isLowerHexId(value, from + PARENT_ID_OFFSET, 16)
        || value.charAt(from + PARENT_ID_OFFSET + 16) != '-') {
      return -1;
    }
    int flags = hexByte(value, from + FLAGS_OFFSET);
    return flags < 0 ? -1 : flags & KNOWN_FLAGS;
  }

  /** Convenience for tests and tools: the whole string, optional whitespace around it ignored. */
  public static int flagsIfValid(String value) {
    if (value == null) {
      return -1;
    }
    int from = owsStart(value);
    return flagsIfValid(value, from, owsEnd(value, from));
  }

  /** Index of the first character that is not a space or tab (RFC 7230 OWS). */
  public static int owsStart(String value) {
    int i = 0;
    while (i < value.length() && isOws(value.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Index after the last character that is not a space or tab, at least {@code from}. */
  public static int owsEnd(String value, int from) {
    int end = value.length();
    while (end > from && isOws(value.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * {@code 00-<trace-id>-<span-id>-<flags>} for a valid span context, with the flags Level 2 does not
   * define set to zero; {@code null} for an invalid one. Also the {@code traceresponse} value (its
   * {@code child-id} is the server span's id).
   */
  public static String format(SpanContext spanContext) {
    if (spanContext == null || !spanContext.isValid()) {
      return null;
    }
    char[] chars = BUFFER.get();
    chars[0] = '0';
    chars[1] = '0';
    chars[2] = '-';
    spanContext.getTraceId().getChars(0, 32, chars, TRACE_ID_OFFSET);
    chars[TRACE_ID_OFFSET + 32] = '-';
    spanContext.getSpanId().getChars(0, 16, chars, PARENT_ID_OFFSET);
    chars[PARENT_ID_OFFSET + 16] = '-';
    int flags = spanContext.getTraceFlags().asByte() & KNOWN_FLAGS;
    chars[FLAGS_OFFSET] = HEX[flags >>> 4];
    chars[FLAGS_OFFSET + 1] = HEX[flags & 0xf];
    return new String(chars);
  }

  /** 32 or 16 lower-case hex characters, not all {@code 0} (§3.2.2.3, §3.2.2.4). */
  private static boolean isLowerHexId(String value, int from, int length) {
    boolean nonZero = false;
    for (int i = from; i < from + length; i++) {
      char c = value.charAt(i);
      if (!isLowerHex(c)) {
        return false;
      }
      nonZero |= c != '0';
    }
    return nonZero;
  }

  /** Two lower-case hex characters as 0–255, or -1. */
  private static int hexByte(String value, int at) {
    char hi = value.charAt(at);
    char lo = value.charAt(at + 1);
    if (!isLowerHex(hi) || !isLowerHex(lo)) {
      return -1;
    }
    return (hexValue(hi) << 4) | hexValue(lo);
  }

  private static boolean isLowerHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static int hexValue(char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
  }
}
