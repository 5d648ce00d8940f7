package dev.weft.bootstrap.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code traceparent} reading, one row per rule of W3C Trace Context Level 2 §3.2 (and the W3C test
 * suite's cases for it). Expected: the flags kept, or -1 for "ignore the header, start a new trace".
 */
class TraceparentCodecTest {
  static final String TID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PID = "00f067aa0ba902b7";
  static final String VALID = "00-" + TID + "-" + PID + "-01";

  static Stream<Arguments> table() {
    return Stream.of(
        // §3.2.3 examples
        arguments("§3.2.3 valid, sampled", VALID, 0x01),
        arguments("§3.2.3 valid, not sampled", "00-" + TID + "-" + PID + "-00", 0x00),
        // §3.2.2.5 trace-flags: a bit field; Level 2 random-trace-id is 0x02; other bits are reserved
        arguments("L2 §3.2.2.5 random-trace-id kept", "00-" + TID + "-" + PID + "-03", 0x03),
        arguments("L2 §3.2.2.5 random-trace-id alone", "00-" + TID + "-" + PID + "-02", 0x02),
        arguments("§3.2.2.5.2 unknown flags are not kept (09 = sampled + 08)", "00-" + TID + "-" + PID + "-09", 0x01),
        arguments("§3.2.2.5.2 all flags set: only known ones kept", "00-" + TID + "-" + PID + "-ff", 0x03),
        // HEXDIGLC: lower-case hex only
        arguments("HEXDIGLC: upper-case trace-id", "00-" + TID.toUpperCase() + "-" + PID + "-01", -1),
        arguments("HEXDIGLC: upper-case parent-id", "00-" + TID + "-00F067AA0BA902B7-01", -1),
        arguments("HEXDIGLC: upper-case flags", "00-" + TID + "-" + PID + "-0A", -1),
        arguments("HEXDIGLC: upper-case version", "0A-" + TID + "-" + PID + "-01", -1),
        arguments("HEXDIGLC: non-hex letter in trace-id", "00-" + TID.substring(0, 31) + "g-" + PID + "-01", -1),
        arguments("test suite: illegal char at trace-id start", "00-." + TID.substring(1) + "-" + PID + "-01", -1),
        arguments("test suite: illegal char in parent-id", "00-" + TID + "-" + PID.substring(0, 15) + ".-01", -1),
        arguments("test suite: illegal char in flags", "00-" + TID + "-" + PID + "-.0", -1),
        arguments("test suite: illegal char in flags (2nd)", "00-" + TID + "-" + PID + "-0.", -1),
        arguments("non-ASCII digit in trace-id", "00-" + TID.substring(0, 31) + "\u0663-" + PID + "-01", -1),
        // §3.2.2.3 / §3.2.2.4: all-zero ids are invalid
        arguments("§3.2.2.3 all-zero trace-id", "00-00000000000000000000000000000000-" + PID + "-01", -1),
        arguments("§3.2.2.4 all-zero parent-id", "00-" + TID + "-0000000000000000-01", -1),
        arguments("§3.2.2.3 trace-id with one non-zero digit is valid", "00-00000000000000000000000000000001-" + PID + "-01", 0x01),
        // §3.2.2.1 version
        arguments("§3.2.2.1 version ff is invalid", "ff-" + TID + "-" + PID + "-01", -1),
        arguments("§3.2.4 version prefix not 2 hex + dash: too short", "0-" + TID + "-" + PID + "-01", -1),
        arguments("§3.2.4 version prefix not 2 hex + dash: too long", "000-" + TID + "-" + PID + "-01", -1),
        arguments("§3.2.4 version prefix not 2 hex + dash: 4 digits", "0000-" + TID + "-" + PID + "-01", -1),
        arguments("§3.2.4 version illegal char (first)", ".0-" + TID + "-" + PID + "-01", -1),
        arguments("§3.2.4 version illegal char (second)", "0.-" + TID + "-" + PID + "-01", -1),
        // §3.2.2.2 version 00 layout: lengths and separators
        arguments("§3.2.2.2 trace-id too long (33)", "00-" + TID + "3-" + PID + "-01", -1),
        arguments("§3.2.2.2 trace-id too short (31)", "00-" + TID.substring(1) + "-" + PID + "-01", -1),
        arguments("§3.2.2.2 parent-id too long (17)", "00-" + TID + "-" + PID + "7-01", -1),
        arguments("§3.2.2.2 parent-id too short (15)", "00-" + TID + "-" + PID.substring(1) + "-01", -1),
        arguments("§3.2.2.2 flags too long (3)", "00-" + TID + "-" + PID + "-001", -1),
        arguments("§3.2.2.2 flags too short (1)", "00-" + TID + "-" + PID + "-1", -1),
        arguments("§3.2.2.2 wrong separator", "00-" + TID + "_" + PID + "-01", -1),
        arguments("§3.2.2.2 version 00 with a trailing char", VALID + ".", -1),
        arguments("§3.2.2.2 version 00 with future fields is invalid", VALID + "-what-the-future-will-be-like", -1),
        arguments("§3.2.2.2 version 00 with a trailing dash", VALID + "-", -1),
        // §3.2.4 higher versions
        arguments("§3.2.4 future version cc, 55 chars", "cc-" + TID + "-" + PID + "-01", 0x01),
        arguments("§3.2.4 future version cc with more fields", "cc-" + TID + "-" + PID + "-01-what-the-future-will-be-like", 0x01),
        arguments("§3.2.4 future version: flags not followed by a dash", "cc-" + TID + "-" + PID + "-01.what-the-future-will-be-like", -1),
        arguments("§3.2.4 future version shorter than 55 chars", "cc-" + TID + "-" + PID + "-1", -1),
        arguments("§3.2.4 future version: only known flags parsed", "01-" + TID + "-" + PID + "-ff-00", 0x03),
        arguments("§3.2.4 future version: ids still validated (upper case)", "cc-" + TID.toUpperCase() + "-" + PID + "-01-x", -1),
        arguments("§3.2.4 future version: all-zero trace-id", "cc-00000000000000000000000000000000-" + PID + "-01", -1),
        arguments("§3.2.4 future version fe is the highest", "fe-" + TID + "-" + PID + "-01-", 0x01),
        // RFC 7230 OWS around a field value (test suite test_traceparent_ows_handling)
        arguments("OWS: leading space", " " + VALID, 0x01),
        arguments("OWS: leading tab", "\t" + VALID, 0x01),
        arguments("OWS: trailing space", VALID + " ", 0x01),
        arguments("OWS: trailing tab", VALID + "\t", 0x01),
        arguments("OWS: both sides", "\t " + VALID + " \t", 0x01),
        arguments("OWS inside the value is invalid", "00- " + TID + "-" + PID + "-01", -1),
        // not a traceparent at all
        arguments("empty", "", -1),
        arguments("whitespace only", "  \t ", -1),
        arguments("two values joined by a comma (a combined repeated header)", VALID + "," + VALID, -1),
        arguments("null", null, -1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void readsAsTheSpecificationSays(String rule, String value, int expectedFlags) {
    assertThat(TraceparentCodec.flagsIfValid(value)).as(rule).isEqualTo(expectedFlags);
  }

  @Test
  void idsAreAtFixedOffsetsAfterWhitespace() {
    String value = "  " + VALID;
    int from = TraceparentCodec.owsStart(value);
    assertThat(value.substring(from + 3, from + 35)).isEqualTo(TID);
    assertThat(value.substring(from + 36, from + 52)).isEqualTo(PID);
  }

  @Test
  void writesVersion00WithOnlyKnownFlags() {
    SpanContext sampled = SpanContext.create(TID, PID, TraceFlags.getSampled(), TraceState.getDefault());
    assertThat(TraceparentCodec.format(sampled)).isEqualTo(VALID);
    SpanContext notSampled = SpanContext.create(TID, PID, TraceFlags.getDefault(), TraceState.getDefault());
    assertThat(TraceparentCodec.format(notSampled)).isEqualTo("00-" + TID + "-" + PID + "-00");
    // §3.2.2.5.2 "Vendors MUST set those to zero"; §3.2.4: always written as the highest known version, 00
    SpanContext reserved = SpanContext.create(TID, PID, TraceFlags.fromByte((byte) 0xff), TraceState.getDefault());
    assertThat(TraceparentCodec.format(reserved)).isEqualTo("00-" + TID + "-" + PID + "-03");
  }

  @Test
  void writesNothingForAnInvalidSpanContext() {
    assertThat(TraceparentCodec.format(SpanContext.getInvalid())).isNull();
    assertThat(TraceparentCodec.format(null)).isNull();
  }

  @Test
  void hugeValuesAreRejectedWithoutReadingThem() {
    String huge = VALID + "x".repeat(100 * 1024);
    assertThat(TraceparentCodec.flagsIfValid(huge)).isEqualTo(-1);
    String hugeFuture = "cc-" + TID + "-" + PID + "-01-" + "\u00e9".repeat(100 * 1024);
    assertThat(TraceparentCodec.flagsIfValid(hugeFuture)).isEqualTo(0x01);
  }
}
