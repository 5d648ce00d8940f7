package dev.weft.bootstrap.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.opentelemetry.api.trace.TraceState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code tracestate} reading, one row per rule of W3C Trace Context Level 2 §3.3 (and the W3C test
 * suite's cases). Input: the header lines in order; expected: the list forwarded downstream ("" = no
 * tracestate).
 */
class TracestateCodecTest {
  static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
  static final String VALUE_CHARS = allValueChars();

  static String allValueChars() {
    StringBuilder sb = new StringBuilder();
    for (char c = 0x20; c <= 0x7e; c++) {
      if (c != ',' && c != '=') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String members(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "k" + i + "=v" + i).collect(Collectors.joining(","));
  }

  static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  static Stream<Arguments> table() {
    String long1 = "long1=" + repeat('x', 130);
    String long2 = "long2=" + repeat('y', 130);
    return Stream.of(
        // §3.3.2 examples
        arguments("§3.3.2 single member", lines("rojo=00f067aa0ba902b7"), "rojo=00f067aa0ba902b7"),
        arguments("§3.3.2 two members", lines("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"), "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
        // §3.3.1.1 several lines are one list, combined in order (RFC 7230 §3.2.2)
        arguments("§3.3.1.1 lines combined in order", lines("foo=1,bar=2", "rojo=1,congo=2", "baz=3"), "foo=1,bar=2,rojo=1,congo=2,baz=3"),
        arguments("§3.3.1.1 an empty line among others", lines("foo=1", ""), "foo=1"),
        arguments("§3.3.1.1 an empty first line", lines("", "foo=1"), "foo=1"),
        arguments("§3.3.1.1 a null line is skipped", lines(null, "foo=1"), "foo=1"),
        // §3.3.1.1 empty and whitespace-only members are allowed
        arguments("§3.3.1.1 empty header accepted, nothing forwarded", lines(""), ""),
        arguments("§3.3.1.1 whitespace-only header", lines(" \t "), ""),
        arguments("§3.3.1.1 empty members skipped", lines("foo=1,,bar=2"), "foo=1,bar=2"),
        arguments("§3.3.1.1 whitespace-only members skipped", lines("foo=1, \t ,bar=2"), "foo=1,bar=2"),
        arguments("§3.3.1.1 trailing comma", lines("foo=1,"), "foo=1"),
        arguments("§3.3.1.1 leading comma", lines(",foo=1"), "foo=1"),
        arguments("§3.3.1.1 only commas", lines(",,,"), ""),
        // §3.3.1.1 OWS around members is ignored (test suite test_tracestate_ows_handling)
        arguments("OWS around commas", lines("foo=1 \t , \t bar=2, \t baz=3"), "foo=1,bar=2,baz=3"),
        arguments("OWS tabs and spaces mixed", lines("foo=1\t \t,\t \tbar=2,\t \tbaz=3"), "foo=1,bar=2,baz=3"),
        arguments("OWS leading space", lines(" foo=1"), "foo=1"),
        arguments("OWS leading tab", lines("\tfoo=1"), "foo=1"),
        arguments("OWS trailing space", lines("foo=1 "), "foo=1"),
        arguments("OWS trailing tab", lines("foo=1\t"), "foo=1"),
        arguments("OWS both sides", lines("\t foo=1 \t"), "foo=1"),
        // §3.3.1.3.1 key grammar
        arguments("§3.3.1.3.1 every key character", lines(KEY_CHARS.substring(0, 26) + KEY_CHARS + "=1"), KEY_CHARS.substring(0, 26) + KEY_CHARS + "=1"),
        arguments("§3.3.1.3.1 simple key must start with lcalpha", lines("1foo=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 upper case key invalid", lines("FOO=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 key with a dot invalid", lines("foo.bar=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 space before = makes the key invalid", lines("foo =1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 simple key of 256 chars", lines("a" + repeat('b', 255) + "=1"), "a" + repeat('b', 255) + "=1"),
        arguments("§3.3.1.3.1 simple key of 257 chars", lines("a" + repeat('b', 256) + "=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 multi-tenant key", lines("fw529a3039@dt=1"), "fw529a3039@dt=1"),
        arguments("§3.3.1.3.1 tenant-id may start with a digit", lines("1tenant@vendor=1"), "1tenant@vendor=1"),
        arguments("§3.3.1.3.1 multi-tenant, every allowed char", lines(KEY_CHARS + "@a-z0-9_-*/=1"), KEY_CHARS + "@a-z0-9_-*/=1"),
        arguments("§3.3.1.3.1 tenant-id of 241 chars", lines("t" + repeat('1', 240) + "@sys=1"), "t" + repeat('1', 240) + "@sys=1"),
        arguments("§3.3.1.3.1 tenant-id of 242 chars", lines("t" + repeat('1', 241) + "@sys=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 system-id of 14 chars", lines("t@s" + repeat('1', 13) + "=1"), "t@s" + repeat('1', 13) + "=1"),
        arguments("§3.3.1.3.1 system-id of 15 chars", lines("t@s" + repeat('1', 14) + "=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 system-id must start with lcalpha", lines("t@1s=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 empty system-id (test suite foo@)", lines("foo@=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 empty tenant-id (test suite @foo)", lines("@foo=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 two @ (test suite foo@@bar)", lines("foo@@bar=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 two @ (test suite foo@bar@baz)", lines("foo@bar@baz=1,bar=2"), "bar=2"),
        arguments("§3.3.1.3.1 empty key", lines("=1,bar=2"), "bar=2"),
        arguments("a member without =", lines("foo,bar=2"), "bar=2"),
        // §3.3.1.3.2 value grammar
        arguments("§3.3.1.3.2 every value character", lines("foo=" + VALUE_CHARS), "foo=" + VALUE_CHARS),
        arguments("§3.3.1.3.2 leading spaces belong to the value", lines("foo=  1"), "foo=  1"),
        arguments("§3.3.1.3.2 trailing spaces are OWS, not value", lines("foo=1   ,bar=2"), "foo=1,bar=2"),
        arguments("§3.3.1.3.2 empty value invalid", lines("foo=,bar=2"), "bar=2"),
        arguments("§3.3.1.3.2 spaces-only value invalid", lines("foo=   ,bar=2"), "bar=2"),
        arguments("§3.3.1.3.2 = inside a value invalid", lines("foo=a=b,bar=2"), "bar=2"),
        arguments("§3.3.1.3.2 tab inside a value invalid", lines("foo=a\tb,bar=2"), "bar=2"),
        arguments("§3.3.1.3.2 control char invalid", lines("foo=a\u0001b,bar=2"), "bar=2"),
        arguments("§3.3.1.3.2 DEL invalid", lines("foo=a\u007fb,bar=2"), "bar=2"),
        arguments("§3.3.1.3.2 non-ASCII invalid", lines("foo=caf\u00e9,bar=2"), "bar=2"),
        arguments("§3.3.1.3.2 value of 256 chars", lines("foo=" + repeat('v', 256)), "foo=" + repeat('v', 256)),
        arguments("§3.3.1.3.2 value of 257 chars", lines("foo=" + repeat('v', 257) + ",bar=2"), "bar=2"),
        // §4.3 step 3: invalid entries MAY be discarded: the rest is kept
        arguments("§4.3 only the invalid member is dropped", lines("a=1,B=2,c=3"), "a=1,c=3"),
        arguments("§4.3 all invalid: nothing", lines("A=1,B=2"), ""),
        // §3.3.1.4 only one entry per key; the left-most is the most recent
        arguments("§3.3.1.4 duplicated key, same value", lines("foo=1,foo=1"), "foo=1"),
        arguments("§3.3.1.4 duplicated key, keeps the left-most", lines("foo=1,bar=3,foo=2"), "foo=1,bar=3"),
        arguments("§3.3.1.4 duplicated key across lines", lines("foo=1", "foo=2"), "foo=1"),
        arguments("§3.3.1.4 a key that is a prefix of another is not a duplicate", lines("foo=1,foobar=2,fo=3"), "foo=1,foobar=2,fo=3"),
        // §3.3.1.1 max 32 members; §3.3.1.5 truncate whole entries, long (>128) first, then from the end
        arguments("§3.3.1.1 32 members kept", lines(members(1, 32)), members(1, 32)),
        arguments("§3.3.1.5 33 members: the last one goes", lines(members(1, 33)), members(1, 32)),
        arguments("§3.3.1.5 40 members over 3 lines", lines(members(1, 10), members(11, 20), members(21, 40)), members(1, 32)),
        arguments("§3.3.1.5 long entries are removed first (from the end)", lines(long1 + "," + members(1, 31) + "," + long2), long1 + "," + members(1, 31)),
        arguments("§3.3.1.5 a long entry goes before a short one at the end", lines(members(1, 31) + "," + long1 + ",last=1"), members(1, 31) + ",last=1"),
        arguments("§3.3.1.5 long entries first, then from the end", lines(long1 + "," + members(1, 32) + "," + long2), members(1, 32)),
        arguments("§3.3.1.5 a long entry within the limit stays", lines(long1 + "," + members(1, 31)), long1 + "," + members(1, 31)),
        arguments("§3.3.1.5 entry of exactly 128 chars is not long", lines(m128() + "," + members(1, 32)), m128() + "," + members(1, 31)),
        arguments("§3.3.1.1 empty members do not count", lines(members(1, 16) + ",,,, , ," + members(17, 32)), members(1, 32)),
        arguments("§3.3.1.1 invalid members do not count", lines("X=1," + members(1, 32)), members(1, 32)));
  }

  /** A member of exactly 128 characters. */
  static String m128() {
    return "m=" + repeat('z', 126);
  }

  static List<String> lines(String... lines) {
    return new ArrayList<>(Arrays.asList(lines));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void readsAsTheSpecificationSays(String rule, List<String> lines, String expected) {
    TraceState state = TracestateCodec.parse(lines.iterator());
    String forwarded = TracestateCodec.format(state);
    assertThat(forwarded == null ? "" : forwarded).as(rule).isEqualTo(expected);
    assertThat(state.size()).as(rule + " (size)").isEqualTo(expected.isEmpty() ? 0 : expected.split(",").length);
    assertThat(state.size()).isLessThanOrEqualTo(TracestateCodec.MAX_MEMBERS);
  }

  @Test
  void aCanonicalHeaderIsForwardedAsTheSameString() {
    String header = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";
    assertThat(TracestateCodec.format(TracestateCodec.parse(header))).isSameAs(header);
  }

  @Test
  void entriesAreReadableInOrder() {
    TraceState state = TracestateCodec.parse("rojo=00f067aa0ba902b7, congo=t61rcWkgMzE,fw529a3039@dt= x");
    assertThat(state.get("congo")).isEqualTo("t61rcWkgMzE");
    assertThat(state.get("fw529a3039@dt")).isEqualTo(" x");
    assertThat(state.get("nobody")).isNull();
    assertThat(state.get(null)).isNull();
    assertThat(state.asMap()).containsExactly(
        org.assertj.core.api.Assertions.entry("rojo", "00f067aa0ba902b7"),
        org.assertj.core.api.Assertions.entry("congo", "t61rcWkgMzE"),
        org.assertj.core.api.Assertions.entry("fw529a3039@dt", " x"));
    List<String> seen = new ArrayList<>();
    state.forEach((k, v) -> seen.add(k + "=" + v));
    assertThat(seen).containsExactly("rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE", "fw529a3039@dt= x");
  }

  @Test
  void toBuilderKeepsTheOrderForSamplersThatAddAnEntry() {
    TraceState state = TracestateCodec.parse("rojo=1,congo=2,fw529a3039@dt=3");
    TraceState updated = state.toBuilder().put("weft", "x").build();
    assertThat(TracestateCodec.format(updated)).isEqualTo("weft=x,rojo=1,congo=2,fw529a3039@dt=3");
    assertThat(TracestateCodec.format(state.toBuilder().build())).isEqualTo("rojo=1,congo=2,fw529a3039@dt=3");
  }

  @Test
  void equalityFollowsTheForwardedText() {
    assertThat(TracestateCodec.parse("a=1,b=2")).isEqualTo(TracestateCodec.parse(" a=1 , b=2 "));
    assertThat(TracestateCodec.parse("a=1,b=2").hashCode()).isEqualTo(TracestateCodec.parse("a=1, b=2").hashCode());
    assertThat(TracestateCodec.parse("a=1,b=2")).isNotEqualTo(TracestateCodec.parse("b=2,a=1"));
  }

  @Test
  void malformedInputNeverThrows() {
    assertThat(TracestateCodec.parse((String) null).isEmpty()).isTrue();
    assertThat(TracestateCodec.parse((java.util.Iterator<String>) null).isEmpty()).isTrue();
    assertThat(TracestateCodec.format(null)).isNull();
    assertThat(TracestateCodec.format(TraceState.getDefault())).isNull();
    // 100 KB of one member, of garbage, of non-ASCII, of commas: nothing valid, nothing thrown
    for (String huge : new String[] {
        "a=" + repeat('x', 100 * 1024), repeat('\u00e9', 100 * 1024), repeat(',', 100 * 1024),
        repeat('=', 100 * 1024), repeat(' ', 100 * 1024)}) {
      assertThat(TracestateCodec.parse(huge).isEmpty()).isTrue();
    }
    // 100 KB of valid members: the first 32 survive
    String many = IntStream.rangeClosed(1, 10_000).mapToObj(i -> "k" + i + "=value").collect(Collectors.joining(","));
    assertThat(many.length()).isGreaterThan(100 * 1024);
    TraceState state = TracestateCodec.parse(many);
    assertThat(state.size()).isEqualTo(32);
    assertThat(state.get("k32")).isEqualTo("value");
    assertThat(state.get("k33")).isNull();
  }
}
