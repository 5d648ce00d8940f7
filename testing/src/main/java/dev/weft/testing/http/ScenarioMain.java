package dev.weft.testing.http;

import java.util.Map;
import java.util.function.Function;

/**
 * The main loop of an HTTP client scenario app (see {@link ScenarioRun}): runs the scenarios named on
 * the command line in that order, printing {@code RESULT <name>: <outcome>} for each (what it threw,
 * in the app's own words, if it threw), then {@code DONE}. JDK types only: it runs in the forked
 * application.
 */
public final class ScenarioMain {
  /** One scenario: what the application observed, as one line. */
  public interface Scenario {
    String run() throws Exception;
  }

  private ScenarioMain() {}

  /** {@code describe} words a throwable the way the app masks run-specific details. */
  public static void runAll(Map<String, Scenario> scenarios, String[] names, Function<Throwable, String> describe) {
    for (String name : names) {
      Scenario scenario = scenarios.get(name);
      String outcome;
      try {
        outcome = scenario == null ? "unknown scenario" : scenario.run();
      } catch (Throwable t) {
        outcome = "threw " + describe.apply(t);
      }
      System.out.println("RESULT " + name + ": " + outcome);
    }
    System.out.println("DONE");
    System.out.flush();
  }
}
