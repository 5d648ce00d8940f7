package dev.weft.instrumentation.executors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.FakeCollector;
import dev.weft.testing.ReceivedSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Context propagation end to end: the scenario app runs with the agent jar in a forked JVM; work done on
 * pool threads makes child spans (and real HttpURLConnection CLIENT spans), and the collector must
 * receive each as a child of the trace that submitted the work, nothing else. The rules (context
 * restored, no foreign trace on pool threads, no wrapper the application sees, nothing retained for
 * tasks that never run) are checked from what the tasks themselves observed. {@link ExecutorsJdk25Test}
 * repeats it on JDK 25 with virtual threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorsTest {
  /** Span scenarios: the child spans each must produce under its root span. */
  static final Map<String, Set<String>> CHILDREN = new LinkedHashMap<>();

  static {
    CHILDREN.put("pool-execute", Set.of("execute"));
    CHILDREN.put("pool-submit", Set.of("runnable", "callable"));
    CHILDREN.put("invoke-all", Set.of("0", "1", "2"));
    CHILDREN.put("scheduled", Set.of("once", "periodic-1", "periodic-2", "periodic-3"));
    CHILDREN.put("fork-join", Set.of("common-submit", "common-execute", "recursive-0", "recursive-1",
        "recursive-2", "recursive-3", "recursive-4", "recursive-5", "recursive-6", "recursive-7"));
    CHILDREN.put("parallel-stream", Set.of("0", "50", "100", "150"));
    CHILDREN.put("completable-future", Set.of("supplyAsync", "supplyAsync-pool", "runAsync", "runAsync-pool",
        "thenApplyAsync", "thenApplyAsync-pool", "thenAcceptAsync", "thenRunAsync-pool", "thenCombineAsync",
        "thenComposeAsync", "whenCompleteAsync", "handleAsync-pool", "acceptEitherAsync", "exceptionallyAsync"));
    CHILDREN.put("guava", Set.of("listening-submit", "listening-schedule", "direct"));
    CHILDREN.put("spring", Set.of("execute", "submit", "submitCompletable", "scheduler"));
  }

  /** Scenarios whose HttpURLConnection calls (made on other threads) must be CLIENT children of the root. */
  static final Map<String, Set<String>> HTTP_CHILDREN =
      Map.of("http-in-supply-async", Set.of("/http-in-supply-async/supply", "/http-in-supply-async/pool"));

  /** Root spans of scenarios that export no children. */
  static final Set<String> OTHER_ROOTS =
      Set.of("registering-context", "registering-context-completer", "restore-after-throw",
          "restore-after-throw-caller", "no-wrapper", "not-run", "not-run-never", "thread-start");

  static final List<String> RULE_SCENARIOS =
      List.of("registering-context", "no-span", "restore-after-throw", "isolation", "no-wrapper", "not-run",
          "thread-start");

  /** What the application sees must not depend on the agent. */
  static final List<String> SAME_WITHOUT_AGENT = List.of("no-wrapper", "restore-after-throw", "no-span");

  protected FakeCollector collector;
  protected ScenarioJvm agent;
  protected ScenarioJvm plain;
  protected List<ReceivedSpan> spans;

  protected Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  protected Map<String, Set<String>> children() {
    return CHILDREN;
  }

  protected Map<String, Set<String>> httpChildren() {
    return HTTP_CHILDREN;
  }

  List<String> scenarios() {
    Set<String> all = new LinkedHashSet<>(children().keySet());
    all.addAll(httpChildren().keySet());
    all.addAll(RULE_SCENARIOS);
    return new ArrayList<>(all);
  }

  int expectedSpans() {
    Set<String> roots = new HashSet<>(children().keySet());
    roots.addAll(httpChildren().keySet());
    int n = roots.size() + OTHER_ROOTS.size();
    for (Set<String> c : children().values()) {
      n += c.size();
    }
    for (Set<String> c : httpChildren().values()) {
      n += c.size();
    }
    return n;
  }

  @BeforeAll
  void run() {
    collector = FakeCollector.start();
    String name = "executors-" + javaHome().getFileName();
    agent = ScenarioJvm.run(ScenarioJvm.launcher(name, javaHome()).otlpTo(collector), scenarios());
    spans = collector.awaitSpans(expectedSpans(), Duration.ofSeconds(20));
    plain = ScenarioJvm.run(ScenarioJvm.launcher(name + "-plain", javaHome()).withAgent(false), SAME_WITHOUT_AGENT);
  }

  @AfterAll
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void everyScenarioSucceeded() {
    assertThat(agent.outcomes.values()).noneMatch(o -> o.startsWith("FAILED"));
  }

  @Test
  void theApplicationSeesWhatItSeesWithoutTheAgent() {
    for (String scenario : SAME_WITHOUT_AGENT) {
      assertThat(agent.outcome(scenario)).as(scenario).isEqualTo(plain.outcome(scenario));
    }
  }

  @Test
  void workOnOtherThreadsJoinsTheSubmittingTrace() {
    List<String> problems = new ArrayList<>();
    children().forEach((scenario, labels) -> {
      ReceivedSpan root = onlySpanNamed(scenario);
      assertThat(root.isRoot()).as("root of %s", scenario).isTrue();
      List<ReceivedSpan> mine = spans.stream().filter(s -> s.name().startsWith(scenario + "/")).toList();
      Set<String> seen = mine.stream().map(s -> s.name().substring(scenario.length() + 1))
          .collect(Collectors.toCollection(TreeSet::new));
      if (!seen.equals(new TreeSet<>(labels)) || mine.size() != labels.size()) {
        problems.add(scenario + ": expected children " + new TreeSet<>(labels) + " but got " + mine.stream().map(ReceivedSpan::name).toList());
      }
      for (ReceivedSpan child : mine) {
        if (!child.traceId().equals(root.traceId()) || !child.parentSpanId().equals(root.spanId())) {
          problems.add(child.name() + " is not a child of its scenario's root span: " + child);
        }
      }
    });
    assertThat(problems).as("all spans:\n%s", describe()).isEmpty();
  }

  @Test
  void httpCallsOnOtherThreadsAreClientChildrenOfTheRoot() {
    httpChildren().forEach((scenario, paths) -> {
      ReceivedSpan root = onlySpanNamed(scenario);
      List<ReceivedSpan> calls = spans.stream()
          .filter(s -> s.kind() == ReceivedSpan.Kind.CLIENT)
          .filter(s -> String.valueOf(s.stringAttribute("url.full")).contains("/" + scenario + "/"))
          .toList();
      assertThat(calls.stream().map(s -> s.stringAttribute("url.full").replaceAll("^http://[^/]+", "")))
          .as("HTTP calls of %s", scenario).containsExactlyInAnyOrderElementsOf(paths);
      for (ReceivedSpan call : calls) {
        assertThat(call.name()).isEqualTo("GET");
        assertThat(call.traceId()).as("trace of %s", call).isEqualTo(root.traceId());
        assertThat(call.parentSpanId()).as("parent of %s", call).isEqualTo(root.spanId());
      }
    });
  }

  @Test
  void nothingElseArrived() {
    Set<String> allowed = new TreeSet<>(OTHER_ROOTS);
    allowed.addAll(children().keySet());
    allowed.addAll(httpChildren().keySet());
    List<String> unexpected = spans.stream()
        .filter(s -> s.kind() != ReceivedSpan.Kind.CLIENT)
        .map(ReceivedSpan::name)
        .filter(n -> !allowed.contains(n) && !children().containsKey(n.contains("/") ? n.substring(0, n.indexOf('/')) : n))
        .toList();
    assertThat(unexpected).isEmpty();
    assertThat(spans).as("all spans:\n%s", describe()).hasSize(expectedSpans());
    collector.assertNoMoreSpans(Duration.ofMillis(300));
  }

  @Test
  void aCallbackRunsInTheContextOfTheCodeThatRegisteredIt() {
    assertThat(agent.outcome("registering-context")).isEqualTo("sync=registering trace async=registering trace");
  }

  @Test
  void withoutATraceNothingIsCapturedOrSeen() {
    assertThat(agent.outcome("no-span")).isEqualTo("trace seen=[] captured=0");
  }

  @Test
  void thePreviousContextIsRestoredEvenWhenTheTaskThrows() {
    assertThat(agent.outcome("restore-after-throw"))
        .isEqualTo("submit failed; next=[]; afterExecute with a trace: 0 of 3; caller keeps its trace; main after=[]");
  }

  @Test
  void tenThousandTracesOnTwoThreadsNeverMeet() {
    // 8,000 traced tasks (each its own trace) + 2,000 untraced ones (trace ""): 8,001 distinct.
    assertThat(agent.outcome("isolation"))
        .isEqualTo("tasks=10000 traces=8001 foreign=0 hooks-with-a-trace=0 main-after=[]");
  }

  @Test
  void theApplicationSeesItsOwnTaskNotAWrapper() {
    assertThat(agent.outcome("no-wrapper"))
        .isEqualTo("queue holds the task itself: true; queue element is AppTask: true; remove(task): true;"
            + " beforeExecute sees AppTask; removed task ran: false");
  }

  @Test
  void tasksThatNeverRunKeepNoContext() {
    assertThat(agent.outcome("not-run"))
        .isEqualTo("rejected=200; after reject/cancel: none left; queued with context: 2000, dropped: 2000;"
            + " after the dropped tasks are collected: none left");
  }

  @Test
  void aNewPlatformThreadDoesNotInheritTheTraceByDefault() {
    assertThat(agent.outcome("thread-start")).isEqualTo("new thread sees []; pool worker later sees []");
  }

  ReceivedSpan onlySpanNamed(String name) {
    List<ReceivedSpan> found = spans.stream().filter(s -> s.name().equals(name)).toList();
    assertThat(found).as("spans named %s; all spans:\n%s", name, describe()).hasSize(1);
    return found.get(0);
  }

  String describe() {
    return spans.stream().map(ReceivedSpan::toString).collect(Collectors.joining("\n"));
  }
}
