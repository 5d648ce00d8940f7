package dev.weft.testing;

import java.time.Duration;

/**
 * How a forked JVM ended.
 *
 * @param exitCode the process exit code (143 after SIGTERM with shutdown hooks, 137 after SIGKILL)
 * @param wallTime from launch to exit
 */
public record JvmResult(int exitCode, String stdout, String stderr, Duration wallTime) {

  /** Fails, showing both outputs, unless the JVM exited with this code. */
  public JvmResult assertExitCode(int expected) {
    if (exitCode != expected) {
      throw new AssertionError("expected exit code " + expected + " but was " + exitCode + "\n" + outputs());
    }
    return this;
  }

  String outputs() {
    return RunningJvm.outputs(stdout, stderr);
  }

  @Override
  public String toString() {
    return "JvmResult{exitCode=" + exitCode + ", wallTime=" + Format.duration(wallTime) + "}\n" + outputs();
  }
}
