package dev.weft.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTest {
  private static final SpanSink.SpanShape SERVER =
      new SpanSink.SpanShape("front", "s", OtlpSpanCounter.SpanKind.SERVER, "GET /order");
  private static final SpanSink.SpanShape CLIENT =
      new SpanSink.SpanShape("front", "s", OtlpSpanCounter.SpanKind.CLIENT, "GET");
  private static final SpanSink.SpanShape DOWNSTREAM =
      new SpanSink.SpanShape("down", "s", OtlpSpanCounter.SpanKind.SERVER, "GET /price");

  @Test
  void droppedIsEachShapesShortfallAgainstItsServicesRequests() {
    Round round = round(Map.of(SERVER, 1000L, CLIENT, 990L), Map.of(DOWNSTREAM, 1002L), 1000, 1001);
    assertThat(round.spans()).isEqualTo(2992);
    assertThat(round.dropped()).isEqualTo(10);
    assertThat(round.extra()).isEqualTo(1);
  }

  @Test
  void kindsMadeForFewerThanHalfTheRequestsAreOccasionalNotDropped() {
    SpanSink.SpanShape validation =
        new SpanSink.SpanShape("front", "s", OtlpSpanCounter.SpanKind.CLIENT, "test");
    Round round = round(Map.of(SERVER, 1000L, CLIENT, 600L, validation, 17L), Map.of(), 1000, 1000);
    assertThat(round.dropped()).isEqualTo(400);
    assertThat(round.occasional()).isEqualTo(17);
    assertThat(round.occasionalShapes()).containsOnlyKeys(validation);
    assertThat(round.extra()).isZero();

    ResultTable.Figures figures =
        ResultTable.Figures.of(new Agent("otel", "OTel", Path.of("o.jar"), "1"), 1, List.of(1L), List.of(round), 4);
    assertThat(figures.spansPerRequest()).isCloseTo(1.617, within(1e-9));
    assertThat(figures.missing()).isEqualTo(4000 - 1600);
    assertThat(figures.expectedSpans()).isEqualTo(2000);
  }

  @Test
  void cpuPerRequestIsOverTheMeasuredRequests() {
    Round round = round(Map.of(), Map.of(), 10, 10);
    assertThat(round.appCpuMicrosPerRequest()).isCloseTo(2e9 / 1e3 / 500, within(1e-9));
    assertThat(round.totalCpuMicrosPerRequest()).isCloseTo(3e9 / 1e3 / 500, within(1e-9));
  }

  @Test
  void fractionOfTheOtelAgentsAddedCost() {
    assertThat(ResultTable.fractionOfOtel(ResultTable.Compare.ADDED, 100, 110, 140)).isCloseTo(0.25, within(1e-9));
    assertThat(ResultTable.fractionOfOtel(ResultTable.Compare.LOST, 1000, 900, 600)).isCloseTo(0.25, within(1e-9));
    assertThat(ResultTable.fractionOfOtel(ResultTable.Compare.RATIO, 0, 10, 25)).isCloseTo(0.4, within(1e-9));
    // The OTel agent cost nothing measurable: no fraction can be given.
    assertThat(ResultTable.fractionOfOtel(ResultTable.Compare.ADDED, 100, 110, 99)).isNaN();
    assertThat(ResultTable.fractionOfOtel(ResultTable.Compare.LOST, 1000, 900, 1000)).isNaN();
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Stats.median(List.of())).isNaN();
  }

  @Test
  void tableHasOneRowPerFigureWithRatiosAndTargets() {
    Map<String, Agent> agents = new LinkedHashMap<>();
    agents.put("none", Agent.none());
    agents.put("weft", new Agent("weft", "Weft", Path.of("w.jar"), "0.1"));
    agents.put("otel", new Agent("otel", "OTel agent 2.33.1", Path.of("o.jar"), "2.33.1"));
    Map<String, ResultTable.Figures> figures = new LinkedHashMap<>();
    figures.put("none", figures(Double.NaN, 1000, 5000, 100, 0, 0));
    figures.put("weft", figures(10, 1100, 4800, 120, 4.0, 0));
    figures.put("otel", figures(25, 3000, 4000, 200, 4.0, 7));

    String table = ResultTable.render(agents, figures);

    assertThat(table.lines()).hasSize(2 + 15);
    assertThat(table).startsWith("| figure | no agent | Weft | OTel agent 2.33.1 |");
    assertThat(table).contains("| agent jar (MiB) | – | 10.0 | 25.0 | – | – | 0.40 | ≤ 0.33 **missed** |");
    assertThat(table).contains("| start-up to first response (ms), median (range) | 1000 (900–1200) | 1100 (900–1200)"
        + " | 3000 (900–1200) | 1.10 | 3.00 | 0.05 | ≤ 0.25 met |");
    assertThat(table).contains("| throughput (req/s) | 5000 | 4800 | 4000 | 0.96 | 0.80 | 0.20 | ≤ 0.5 met |");
    assertThat(table).contains("| spans received per request | – | 4.00 | 4.00 | – | – | – | 4.00 met (Weft) |");
    assertThat(table).contains("| spans dropped, of the kinds that arrived (share) | – | 0 (0.00%) | 7 (0.18%) | – | – | – | 0 met (Weft) |");
  }

  @Test
  void agentsThatDidNotRunShowAsDashes() {
    Map<String, Agent> agents = Map.of("weft", new Agent("weft", "Weft", Path.of("w.jar"), "0.1"));
    String table = ResultTable.render(agents, Map.of("weft", figures(10, 1100, 4800, 120, 1.0, 0)));
    assertThat(table).contains("| throughput (req/s) | – | 4800 | – | – | – | – | ≤ 0.5 |");
    assertThat(table).contains("| spans received per request | – | 1.00 | – | – | – | – | 4.00 **missed** (Weft) |");
    assertThat(table).contains("| spans missing against 4 per request (share) | – | 3000 (75.00%) | – | – | – | – | 0 **missed** (Weft) |");
  }

  private static ResultTable.Figures figures(
      double jarMiB, double startup, double rps, double cpu, double spansPerRequest, long dropped) {
    long expected = spansPerRequest > 0 ? 4000 : 0;
    return new ResultTable.Figures(!Double.isNaN(jarMiB), jarMiB, startup, 900, 1200, rps, 1.5, 9.0, cpu, cpu * 1.5, 300, 20, 30,
        spansPerRequest == 0 ? Double.NaN : spansPerRequest, (long) ((4 - spansPerRequest) * 1000), 4000,
        dropped, expected, 0, 0, 0);
  }

  private static Round round(
      Map<SpanSink.SpanShape, Long> front, Map<SpanSink.SpanShape, Long> downstream, long frontServed,
      long downstreamServed) {
    Wrk.Result load = new Wrk.Result(500, 10, 0, 0, 0, 1000, 2000, 5000, 8000, 9000);
    return new Round("weft", 0, load, 2_000_000_000L, 1_000_000_000L, 300_000, new JvmMemory.Usage(20_000, 30_000),
        new ServiceProcess.Served(frontServed, 0), new ServiceProcess.Served(downstreamServed, 0), front, downstream, 0);
  }
}
