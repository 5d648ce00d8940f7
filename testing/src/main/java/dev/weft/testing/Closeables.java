package dev.weft.testing;

/** For a test's {@code @AfterAll}: stopping what it started. */
public final class Closeables {
  private Closeables() {}

  /**
   * Closes each resource that is not null, in order, even when one fails: a JVM or collector left
   * running would outlive the test. Best effort: failures are not reported.
   */
  public static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception e) {
          // best effort: the next one must still be closed
        }
      }
    }
  }
}
