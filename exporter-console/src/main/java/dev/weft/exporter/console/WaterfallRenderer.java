package dev.weft.exporter.console;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link TraceAssembler.Report} as one string: a header line, then one line per span, children
 * indented under their parent in start order, each with a bar placing it on the trace's time axis.
 *
 * <pre>
 * [weft] trace 060b343285d83cf03e56812a0adb28e9  service=front  5 spans  48.0 ms
 *   GET /orders/{id}       SERVER    48.0 ms  |########################|  GET /orders/42 -> 200
 *     OrderController.get  INTERNAL  45.0 ms  |####################### |
 *       SELECT orders      CLIENT     3.0 ms  | ##                     |  postgresql  SELECT * FROM orders
 *       GET                CLIENT    30.0 ms  |   ###############      |  http://back:8081/prices -> 200
 * !     GET                CLIENT     2.0 ms  |                  ##    |  ERROR ConnectException: Connection refused
 * </pre>
 *
 * <p>Pure ASCII on purpose: this output lands in container logs, CI consoles and Windows code pages as
 * often as in a UTF-8 terminal, and block characters turn into '?' or mojibake there, while '#' reads
 * the same everywhere. Errors are flagged by '!' in the first column so they stand out when scanning.
 */
final class WaterfallRenderer {
  static final int DEFAULT_BAR_WIDTH = 24;
  static final int DEFAULT_LINE_WIDTH = 120;
  /** A runaway trace (a loop creating spans) should not flood the console. */
  static final int MAX_SPAN_LINES = 500;

  private static final String NL = System.lineSeparator();
  private static final int MAX_NAME_COLUMN = 36;
  private static final int MIN_NAME_WIDTH = 8;
  // With the default widths every span line fits in 120 columns, even at the longest name column.
  private static final int MIN_DETAILS_WIDTH = 30;
  private static final int MAX_VALUE_LENGTH = 200;
  private static final int MAX_GENERIC_ATTRIBUTES = 3;
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private static final Comparator<SpanData> BY_START =
      new Comparator<SpanData>() {
        @Override
        public int compare(SpanData a, SpanData b) {
          int c = Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos());
          if (c == 0) {
            c = Long.compare(b.getEndEpochNanos(), a.getEndEpochNanos()); // enclosing span first
          }
          return c != 0 ? c : a.getName().compareTo(b.getName());
        }
      };

  private final int barWidth;
  private final int lineWidth;

  WaterfallRenderer() {
    this(DEFAULT_BAR_WIDTH, DEFAULT_LINE_WIDTH);
  }

  WaterfallRenderer(int barWidth, int lineWidth) {
    this.barWidth = barWidth;
    this.lineWidth = lineWidth;
  }

  String render(TraceAssembler.Report report) {
    List<SpanData> ordered = new ArrayList<>();
    List<Integer> depths = new ArrayList<>();
    order(report.spans, ordered, depths);

    StringBuilder sb = new StringBuilder(128 + 120 * ordered.size());
    header(sb, report, ordered.isEmpty() ? null : ordered.get(0));

    int shown = Math.min(ordered.size(), MAX_SPAN_LINES);
    int nameColumn = MIN_NAME_WIDTH;
    for (int i = 0; i < shown; i++) {
      int width = indent(depths.get(i)) + sanitize(ordered.get(i).getName()).length();
      nameColumn = Math.max(nameColumn, Math.min(width, MAX_NAME_COLUMN));
    }
    for (int i = 0; i < shown; i++) {
      line(sb, ordered.get(i), depths.get(i), nameColumn, report);
    }
    if (ordered.size() > shown) {
      sb.append("  ... ").append(ordered.size() - shown).append(" more spans not shown").append(NL);
    }
    return sb.toString();
  }

  private static void header(StringBuilder sb, TraceAssembler.Report report, SpanData first) {
    int n = report.spans.size();
    String spans = n + (n == 1 ? " span" : " spans");
    String service = first == null ? null : first.getResource().getAttribute(SERVICE_NAME);
    sb.append("[weft] trace ")
        .append(report.traceId)
        .append("  service=")
        .append(service == null ? "unknown" : truncate(sanitize(service), 60))
        .append("  ");
    switch (report.kind) {
      case COMPLETE:
        sb.append(spans).append("  ").append(formatDuration(duration(first)));
        if (first.getParentSpanContext().isRemote()) {
          sb.append("  (continues remote parent ").append(first.getParentSpanId()).append(')');
        }
        break;
      case LATE:
        sb.append('+').append(n).append(n == 1 ? " late span" : " late spans").append(", ended after ");
        sb.append(
            report.note == null
                ? "the trace was printed"
                : '"' + truncate(sanitize(report.note), MAX_NAME_COLUMN) + "\" was printed");
        break;
      default:
        sb.append(spans)
            .append("  ")
            .append(formatDuration(report.windowEndNanos - report.windowStartNanos))
            .append("  INCOMPLETE: ")
            .append(report.note);
        break;
    }
    sb.append(NL);
  }

  private void line(
      StringBuilder sb, SpanData span, int depth, int nameColumn, TraceAssembler.Report report) {
    boolean error = span.getStatus().getStatusCode() == StatusCode.ERROR;
    int indent = indent(depth);
    int start = sb.length();
    sb.append(error ? '!' : ' ').append(' ');
    pad(sb, indent);
    String name = truncate(sanitize(span.getName()), nameColumn - indent);
    sb.append(name);
    pad(sb, nameColumn - indent - name.length());
    sb.append("  ").append(span.getKind().name());
    pad(sb, 8 - span.getKind().name().length());
    String duration = formatDuration(duration(span));
    pad(sb, 9 - duration.length()); // at most 8 characters, see formatDuration
    sb.append(duration).append("  |");
    bar(sb, span, report.windowStartNanos, report.windowEndNanos);
    sb.append('|');
    List<String> details = details(span);
    if (!details.isEmpty()) {
      sb.append("  ");
      fit(sb, details, Math.max(MIN_DETAILS_WIDTH, lineWidth - (sb.length() - start)));
    }
    sb.append(NL);
  }

  private void bar(StringBuilder sb, SpanData span, long windowStart, long windowEnd) {
    long window = Math.max(1L, windowEnd - windowStart);
    int from = (int) cells(span.getStartEpochNanos() - windowStart, window, false);
    int to = (int) cells(span.getEndEpochNanos() - windowStart, window, true);
    from = Math.max(0, Math.min(from, barWidth - 1));
    to = Math.max(from + 1, Math.min(to, barWidth)); // even a 0 ns span gets one cell
    for (int i = 0; i < barWidth; i++) {
      sb.append(i >= from && i < to ? '#' : ' ');
    }
  }

  /** Integer arithmetic, so a span starting exactly on a cell boundary starts in that cell. */
  private long cells(long offset, long window, boolean roundUp) {
    offset = Math.max(0L, Math.min(offset, window));
    if (window > Long.MAX_VALUE / barWidth) { // only for absurd timestamps: precision no longer matters
      double c = (double) offset * barWidth / window;
      return (long) (roundUp ? Math.ceil(c) : Math.floor(c));
    }
    long scaled = offset * barWidth;
    return roundUp ? (scaled + window - 1) / window : scaled / window;
  }

  /** Depth-first, children in start order. Iterative: a pathological trace can be very deep. */
  private static void order(List<SpanData> spans, List<SpanData> out, List<Integer> depths) {
    Set<String> ids = new HashSet<>();
    for (SpanData s : spans) {
      ids.add(s.getSpanId());
    }
    List<SpanData> sorted = new ArrayList<>(spans);
    Collections.sort(sorted, BY_START);
    List<SpanData> tops = new ArrayList<>();
    Map<String, List<SpanData>> children = new HashMap<>();
    for (SpanData s : sorted) {
      String parent = s.getParentSpanId();
      if (ids.contains(parent) && !parent.equals(s.getSpanId())) {
        List<SpanData> kids = children.get(parent);
        if (kids == null) {
          kids = new ArrayList<>();
          children.put(parent, kids);
        }
        kids.add(s);
      } else {
        tops.add(s);
      }
    }
    // After the real tops, any span not reached yet (a parent-id cycle from bad data) starts its own tree.
    tops.addAll(sorted);
    Set<String> visited = new HashSet<>();
    Deque<SpanData> stack = new ArrayDeque<>();
    Deque<Integer> stackDepth = new ArrayDeque<>();
    for (SpanData top : tops) {
      stack.push(top);
      stackDepth.push(0);
      while (!stack.isEmpty()) {
        SpanData s = stack.pop();
        int depth = stackDepth.pop();
        if (!visited.add(s.getSpanId())) {
          continue;
        }
        out.add(s);
        depths.add(depth);
        List<SpanData> kids = children.get(s.getSpanId());
        if (kids != null) {
          for (int i = kids.size() - 1; i >= 0; i--) {
            stack.push(kids.get(i));
            stackDepth.push(depth + 1);
          }
        }
      }
    }
  }

  /**
   * Appends as many parts as fit in {@code room}, two spaces apart. A part that does not fit is cut if
   * enough of it would show, otherwise it and the rest are left out: "db:..." tells nothing.
   */
  private static void fit(StringBuilder sb, List<String> parts, int room) {
    int used = 0;
    for (String part : parts) {
      int separator = used == 0 ? 0 : 2;
      int left = room - used - separator;
      if (part.length() > left && used > 0 && left < 16) {
        return;
      }
      String shown = truncate(part, left);
      sb.append(separator == 0 ? "" : "  ").append(shown);
      used += separator + shown.length();
    }
  }

  /** The key attributes, most telling first; an error always leads so truncation cannot hide it. */
  static List<String> details(SpanData span) {
    Map<String, String> a = attributes(span.getAttributes());
    List<String> parts = new ArrayList<>();
    if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
      String why = exception(span);
      if (why == null) {
        why = first(a, "error.type");
      }
      String description = span.getStatus().getDescription();
      if (why == null || (!description.isEmpty() && !why.contains(description))) {
        why = why == null ? description : why + ": " + description;
      }
      parts.add(why.isEmpty() ? "ERROR" : "ERROR " + why);
    }

    String method = first(a, "http.request.method", "http.method");
    String url = first(a, "url.full", "http.url");
    if (method != null) {
      String target = url;
      if (target == null) {
        target = first(a, "url.path", "http.target");
        String query = first(a, "url.query");
        target = target != null && query != null ? target + '?' + query : target;
      }
      if (target == null) {
        target = first(a, "http.route");
      }
      StringBuilder http = new StringBuilder();
      if (!method.equals(span.getName()) || target == null) {
        http.append(method);
      }
      if (target != null) {
        http.append(http.length() > 0 ? " " : "").append(target);
      }
      String status = first(a, "http.response.status_code", "http.status_code");
      if (status != null) {
        http.append(" -> ").append(status);
      }
      parts.add(http.toString());
    }

    String address = first(a, "server.address", "net.peer.name");
    String port = first(a, "server.port", "net.peer.port");
    if (address != null && port != null) {
      address = address + ':' + port;
    }
    // A server's own address is noise, and a full URL already names the peer.
    boolean addressRedundant = url != null || span.getKind() == SpanKind.SERVER;

    String db = first(a, "db.system.name", "db.system");
    if (db != null) {
      parts.add(db);
      String query = first(a, "db.query.text", "db.statement", "db.query.summary", "db.operation.name");
      if (query != null) {
        parts.add(query);
      }
    }
    String messaging = first(a, "messaging.system");
    if (messaging != null) {
      parts.add(join(messaging, first(a, "messaging.destination.name"), first(a, "messaging.operation.type")));
    }
    String rpc = first(a, "rpc.system");
    if (rpc != null && db == null) {
      String code = first(a, "rpc.grpc.status_code", "rpc.response.status_code");
      parts.add(code == null ? rpc : rpc + " -> " + code);
    }
    if (!addressRedundant && address != null) {
      parts.add(address); // last: the first thing to go when the line is too long
    }

    if (method == null && db == null && messaging == null && rpc == null) {
      // An application's own span: show a few of its attributes rather than nothing.
      int shown = 0;
      for (Map.Entry<String, String> e : a.entrySet()) {
        String key = e.getKey();
        if (shown == MAX_GENERIC_ATTRIBUTES) {
          break;
        }
        if (key.startsWith("thread.") || key.startsWith("code.") || key.startsWith("server.")
            || key.equals("error.type")) {
          continue;
        }
        parts.add(key + '=' + e.getValue());
        shown++;
      }
    }
    parts.removeAll(Collections.singleton(""));
    return parts;
  }

  /** "IOException: connection refused" from the first exception event, if any. */
  private static String exception(SpanData span) {
    for (EventData event : span.getEvents()) {
      if ("exception".equals(event.getName())) {
        Map<String, String> a = attributes(event.getAttributes());
        String type = first(a, "exception.type");
        String message = first(a, "exception.message");
        if (type != null) {
          type = type.substring(type.lastIndexOf('.') + 1);
        }
        if (type != null || message != null) {
          return type == null ? message : message == null ? type : type + ": " + message;
        }
      }
    }
    return null;
  }

  /** Attribute values as one-line strings, by key name, whatever their type. */
  private static Map<String, String> attributes(Attributes attributes) {
    final Map<String, String> out = new LinkedHashMap<>();
    attributes.forEach(
        (key, value) -> out.put(key.getKey(), truncate(sanitize(String.valueOf(value)), MAX_VALUE_LENGTH)));
    return out;
  }

  private static String first(Map<String, String> attributes, String... keys) {
    for (String key : keys) {
      String v = attributes.get(key);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  private static String join(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p != null) {
        sb.append(sb.length() > 0 ? " " : "").append(p);
      }
    }
    return sb.toString();
  }

  /** Two columns per level, capped so that the deepest spans keep room for their name. */
  private static int indent(int depth) {
    return Math.min(depth * 2, MAX_NAME_COLUMN - MIN_NAME_WIDTH);
  }

  private static long duration(SpanData span) {
    return Math.max(0L, span.getEndEpochNanos() - span.getStartEpochNanos());
  }

  private static void pad(StringBuilder sb, int n) {
    for (int i = 0; i < n; i++) {
      sb.append(' ');
    }
  }

  /** One line, always: control characters (newlines in SQL, tabs) become spaces, runs collapse. */
  static String sanitize(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029') {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    if (max <= 3) {
      return s.substring(0, Math.max(0, max));
    }
    int cut = max - 3;
    if (Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--; // never split a surrogate pair
    }
    return s.substring(0, cut) + "...";
  }

  /** "850 us", "48.2 ms", "1.25 s", "42.0 s", "2m05s": short, fixed units, locale-independent. */
  static String formatDuration(long nanos) {
    if (nanos < 1_000_000L) {
      return (nanos / 1000) + " us";
    }
    if (nanos < 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    if (nanos < 10_000_000_000L) {
      return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
    if (nanos < 60_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
    long seconds = nanos / 1_000_000_000L;
    return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }
}
