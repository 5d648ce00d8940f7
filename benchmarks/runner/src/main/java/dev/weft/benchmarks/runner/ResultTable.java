package dev.weft.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's one Markdown table: each figure per agent, as a ratio to no agent, and Weft's added
 * cost as a fraction of the OpenTelemetry agent's against the targets.
 */
final class ResultTable {
  /** How a row compares Weft with the OpenTelemetry agent. */
  enum Compare {
    /** Weft's added cost over no agent ÷ the OTel agent's (start-up, CPU, latency, memory). */
    ADDED,
    /** Weft's loss against no agent ÷ the OTel agent's (throughput). */
    LOST,
    /** Weft's value ÷ the OTel agent's (jar size). */
    RATIO,
    /** Not compared (span counts, errors: each has an absolute target). */
    NONE
  }

  /** One agent's figures, medians over rounds (or launches), totals for counts. */
  record Figures(
      boolean traced,
      double jarMiB,
      double startupMedianMs,
      double startupMinMs,
      double startupMaxMs,
      double requestsPerSecond,
      double p50Ms,
      double p99Ms,
      double appCpuMicros,
      double totalCpuMicros,
      double rssMiB,
      double heapMiB,
      double metaspaceMiB,
      double spansPerRequest,
      long missing,
      long expectedPerRequestTotal,
      long dropped,
      long expectedSpans,
      long extra,
      long requestErrors,
      long exportTroubleLines) {

    static Figures of(
        Agent agent, long jarBytes, List<Long> startupMillis, List<Round> rounds, int expectedPerRequest) {
      long spans = rounds.stream().mapToLong(Round::spans).sum();
      long handled = rounds.stream().mapToLong(r -> r.frontServed().handled()).sum();
      long dropped = rounds.stream().mapToLong(Round::dropped).sum();
      long occasional = rounds.stream().mapToLong(Round::occasional).sum();
      long extra = rounds.stream().mapToLong(Round::extra).sum();
      return new Figures(
          !agent.isNone(),
          agent.isNone() ? Double.NaN : jarBytes / 1048576.0,
          Stats.median(startupMillis.stream().map(Long::doubleValue).toList()),
          startupMillis.stream().mapToLong(Long::longValue).min().orElse(0),
          startupMillis.stream().mapToLong(Long::longValue).max().orElse(0),
          median(rounds, r -> r.load().requestsPerSecond()),
          median(rounds, r -> r.load().p50Micros() / 1e3),
          median(rounds, r -> r.load().p99Micros() / 1e3),
          median(rounds, Round::appCpuMicrosPerRequest),
          median(rounds, Round::totalCpuMicrosPerRequest),
          median(rounds, r -> r.rssKib() / 1024.0),
          median(rounds, r -> r.memory().heapUsedKib() / 1024),
          median(rounds, r -> r.memory().metaspaceUsedKib() / 1024),
          handled == 0 ? Double.NaN : (double) spans / handled,
          Math.max(0, expectedPerRequest * handled - (spans - occasional)),
          expectedPerRequest * handled,
          dropped,
          spans - occasional - extra + dropped,
          extra,
          rounds.stream().mapToLong(Round::requestErrors).sum(),
          rounds.stream().mapToLong(Round::exportTroubleLines).sum());
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
      return Stats.median(rounds.stream().map(figure::applyAsDouble).toList());
    }
  }

  private record Row(
      String metric,
      ToDoubleFunction<Figures> value,
      String format,
      Compare compare,
      String target,
      double targetMax) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("agent jar (MiB)", Figures::jarMiB, "%.1f", Compare.RATIO, "≤ 0.33", 1.0 / 3),
          new Row("start-up to first response (ms), median (range)", Figures::startupMedianMs,
              "startup", Compare.ADDED, "≤ 0.25", 0.25),
          new Row("throughput (req/s)", Figures::requestsPerSecond, "%.0f", Compare.LOST, "≤ 0.5", 0.5),
          new Row("latency p50 (ms)", Figures::p50Ms, "%.2f", Compare.ADDED, "", Double.NaN),
          new Row("latency p99 (ms)", Figures::p99Ms, "%.2f", Compare.ADDED, "≤ 0.5", 0.5),
          new Row("CPU per request, app (µs)", Figures::appCpuMicros, "%.0f", Compare.ADDED, "≤ 0.5", 0.5),
          new Row("CPU per request, app + downstream (µs)", Figures::totalCpuMicros, "%.0f",
              Compare.ADDED, "", Double.NaN),
          new Row("RSS after load (MiB)", Figures::rssMiB, "%.0f", Compare.ADDED, "", Double.NaN),
          new Row("heap after full GC (MiB)", Figures::heapMiB, "%.1f", Compare.ADDED, "≤ 0.5", 0.5),
          new Row("metaspace (MiB)", Figures::metaspaceMiB, "%.1f", Compare.ADDED, "≤ 0.5", 0.5),
          new Row("spans received per request", Figures::spansPerRequest, "%.2f", Compare.NONE,
              "4.00", Double.NaN),
          new Row("spans missing against 4 per request (share)", f -> f.missing, "missing", Compare.NONE,
              "0", Double.NaN),
          new Row("spans dropped, of the kinds that arrived (share)", f -> f.dropped, "dropped", Compare.NONE,
              "0", Double.NaN),
          new Row("failed requests", f -> f.requestErrors, "%.0f", Compare.NONE, "0", Double.NaN),
          new Row("export failures logged by the agent (lines)", f -> f.exportTroubleLines, "%.0f",
              Compare.NONE, "0", Double.NaN));

  private ResultTable() {}

  /** The table; agents missing from the run show as "–". */
  static String render(Map<String, Agent> agents, Map<String, Figures> figures) {
    Figures none = figures.get("none");
    Figures weft = figures.get("weft");
    Figures otel = figures.get("otel");
    String otelLabel = agents.containsKey("otel") ? agents.get("otel").label() : "OTel agent";
    StringBuilder table = new StringBuilder();
    table.append("| figure | no agent | Weft | ").append(otelLabel)
        .append(" | Weft ÷ no agent | OTel ÷ no agent | Weft added ÷ OTel added | target |\n");
    table.append("|---|--:|--:|--:|--:|--:|--:|---|\n");
    for (Row row : ROWS) {
      table.append("| ").append(row.metric())
          .append(" | ").append(cell(row, none))
          .append(" | ").append(cell(row, weft))
          .append(" | ").append(cell(row, otel))
          .append(" | ").append(ratioToNone(row, weft, none))
          .append(" | ").append(ratioToNone(row, otel, none))
          .append(" | ").append(weftAgainstOtel(row, none, weft, otel))
          .append(" | ").append(target(row, none, weft, otel))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String cell(Row row, Figures figures) {
    if (figures == null || !figures.traced() && row.metric().startsWith("spans")) {
      return "–";
    }
    double value = row.value().applyAsDouble(figures);
    if (Double.isNaN(value)) {
      return "–";
    }
    return switch (row.format()) {
      case "startup" -> String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", value, figures.startupMinMs(),
          figures.startupMaxMs());
      case "dropped" -> countAndShare(figures.dropped(), figures.expectedSpans());
      case "missing" -> countAndShare(figures.missing(), figures.expectedPerRequestTotal());
      default -> String.format(Locale.ROOT, row.format(), value);
    };
  }

  private static String countAndShare(long count, long of) {
    return of == 0
        ? count + " (–)"
        : String.format(Locale.ROOT, "%d (%.2f%%)", count, 100.0 * count / of);
  }

  private static String ratioToNone(Row row, Figures agent, Figures none) {
    if (row.compare() == Compare.RATIO || row.compare() == Compare.NONE || agent == null || none == null) {
      return "–";
    }
    double base = row.value().applyAsDouble(none);
    if (base == 0 || Double.isNaN(base)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f", row.value().applyAsDouble(agent) / base);
  }

  /** Weft's added cost ÷ the OTel agent's, or NaN where it cannot be said. */
  static double fractionOfOtel(Compare compare, double none, double weft, double otel) {
    return switch (compare) {
      case RATIO -> otel > 0 ? weft / otel : Double.NaN;
      case ADDED -> otel - none > 0 ? (weft - none) / (otel - none) : Double.NaN;
      case LOST -> none - otel > 0 ? (none - weft) / (none - otel) : Double.NaN;
      case NONE -> Double.NaN;
    };
  }

  private static double fraction(Row row, Figures none, Figures weft, Figures otel) {
    if (weft == null || otel == null || (row.compare() != Compare.RATIO && none == null)) {
      return Double.NaN;
    }
    return fractionOfOtel(
        row.compare(),
        none == null ? Double.NaN : row.value().applyAsDouble(none),
        row.value().applyAsDouble(weft),
        row.value().applyAsDouble(otel));
  }

  private static String weftAgainstOtel(Row row, Figures none, Figures weft, Figures otel) {
    if (row.compare() == Compare.NONE) {
      return "–";
    }
    double fraction = fraction(row, none, weft, otel);
    if (Double.isNaN(fraction)) {
      // The OTel agent added nothing measurable (noise), or an agent did not run.
      return weft == null || otel == null || none == null && row.compare() != Compare.RATIO ? "–" : "n/a (OTel added ≤ 0)";
    }
    return String.format(Locale.ROOT, "%.2f", fraction);
  }

  private static String target(Row row, Figures none, Figures weft, Figures otel) {
    if (row.target().isEmpty()) {
      return "";
    }
    if (row.compare() != Compare.NONE) {
      double fraction = fraction(row, none, weft, otel);
      if (Double.isNaN(fraction)) {
        return row.target();
      }
      return row.target() + (fraction <= row.targetMax() ? " met" : " **missed**");
    }
    if (weft == null) {
      return row.target();
    }
    boolean met =
        switch (row.format()) {
          case "%.2f" -> String.format(Locale.ROOT, "%.2f", weft.spansPerRequest()).equals(row.target());
          default -> row.value().applyAsDouble(weft) == 0;
        };
    return row.target() + (met ? " met" : " **missed**") + " (Weft)";
  }

  /** Notes that belong under the table: what the figures do not say by themselves. */
  static List<String> notes(Map<String, Agent> agents, Map<String, Figures> figures,
      Map<String, List<Round>> rounds) {
    List<String> notes = new ArrayList<>();
    rounds.forEach((id, list) -> {
      Map<String, Long> occasional = new java.util.TreeMap<>();
      list.forEach(round -> round.occasionalShapes().forEach((shape, count) ->
          occasional.merge(shape.kind() + " " + shape.name() + " (" + shape.scope() + ")", count, Long::sum)));
      if (!occasional.isEmpty()) {
        notes.add(agents.get(id).label() + ": occasional spans, made for fewer than half of the requests and so"
            + " not held to one per request (counted in spans per request, not in missing or dropped): "
            + occasional + ".");
      }
    });
    figures.forEach((id, f) -> {
      if (f.extra() > 0) {
        notes.add(agents.get(id).label() + ": " + f.extra()
            + " spans beyond one of each kind per request (duplicates, or spans made outside requests);"
            + " see the span shapes below.");
      }
    });
    return notes;
  }
}
