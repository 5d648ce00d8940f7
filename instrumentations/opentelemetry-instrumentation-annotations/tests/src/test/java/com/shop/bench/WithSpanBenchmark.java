package com.shop.bench;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The cost of one {@code @WithSpan} call under Weft: without an active trace (each call starts a new
 * trace) and inside one (each call is a child span), against the same method unannotated. Run by
 * {@link #main} twice: without the agent and with it ({@code -Dweft.agent.jar=...}); the exporter is
 * {@code none}, so the numbers are the calling thread's cost (span start and end, context, code
 * attributes), not the batch export on the exporter thread. See the module README for the command.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WithSpanBenchmark {

  /** A span made current for the whole run on the benchmark thread, through the bridged API. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class ActiveTrace {
    Span parent;
    Scope scope;

    @Setup(Level.Trial)
    public void start() {
      parent = GlobalOpenTelemetry.getTracer("bench").spanBuilder("request").startSpan();
      scope = parent.makeCurrent();
    }

    @TearDown(Level.Trial)
    public void end() {
      scope.close();
      parent.end();
    }
  }

  @Benchmark
  public String unannotated() {
    return Work.plain("sku");
  }

  @Benchmark
  public String withSpanNoActiveTrace() {
    return Work.traced("sku");
  }

  @Benchmark
  public String withSpanInActiveTrace(ActiveTrace trace) {
    return Work.traced("sku");
  }

  public static class Work {
    @WithSpan
    public static String traced(String sku) {
      return sku;
    }

    public static String plain(String sku) {
      return sku;
    }
  }

  public static void main(String[] args) throws Exception {
    String agentJar = System.getProperty("weft.agent.jar");
    List<String[]> runs = new ArrayList<>();
    runs.add(new String[0]);
    if (agentJar != null) {
      runs.add(new String[] {"-javaagent:" + agentJar, "-Dotel.traces.exporter=none"});
    }
    for (String[] jvmArgs : runs) {
      System.out.println(jvmArgs.length == 0 ? "=== without agent" : "=== with Weft " + agentJar);
      new Runner(new OptionsBuilder().include(WithSpanBenchmark.class.getName()).jvmArgsAppend(jvmArgs).build()).run();
    }
  }
}
