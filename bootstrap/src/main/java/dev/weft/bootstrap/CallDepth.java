package dev.weft.bootstrap;

/**
 * How deep the current thread is inside one family of instrumented methods.
 *
 * <p>Advice on a method that calls an overload of itself, or on a wrapper that delegates to another
 * instrumented object of the same family, must make one span, not one per level: the outermost call
 * sees depth 0 and does the work, the nested ones see more and skip. One instance per family, held in
 * a static final field of that family's helper.
 */
public final class CallDepth {
  private final ThreadLocal<int[]> depth =
      new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
          return new int[1];
        }
      };

  /** Enters one level; returns the depth before entering (0 for the outermost call). */
  public int enter() {
    return depth.get()[0]++;
  }

  /** Leaves one level; returns the depth after leaving (0 when the outermost call is done). */
  public int exit() {
    int[] d = depth.get();
    int now = --d[0];
    if (now < 0) {
      // An exit without its enter (advice suppressed an error half-way): never go negative.
      d[0] = 0;
      now = 0;
    }
    return now;
  }
}
