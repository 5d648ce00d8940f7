package dev.weft.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallDepthTest {

  @Test
  void outermostCallSeesZero() {
    CallDepth depth = new CallDepth();
    assertThat(depth.enter()).isZero();
    assertThat(depth.enter()).isEqualTo(1);
    assertThat(depth.exit()).isEqualTo(1);
    assertThat(depth.exit()).isZero();
    assertThat(depth.enter()).isZero();
  }

  @Test
  void unbalancedExitNeverGoesNegative() {
    CallDepth depth = new CallDepth();
    assertThat(depth.exit()).isZero();
    assertThat(depth.enter()).isZero();
  }

  @Test
  void depthIsPerThread() throws Exception {
    CallDepth depth = new CallDepth();
    depth.enter();
    AtomicInteger seen = new AtomicInteger(-1);
    Thread t = new Thread(() -> seen.set(depth.enter()));
    t.start();
    t.join();
    assertThat(seen.get()).isZero();
  }
}
