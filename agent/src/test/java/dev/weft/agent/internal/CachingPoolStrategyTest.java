package dev.weft.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** Type descriptions are kept while classes are being loaded and let go once loading has gone quiet. */
class CachingPoolStrategyTest {
  private static final long IDLE = TimeUnit.SECONDS.toNanos(CachingPoolStrategy.IDLE_SECONDS);

  @Test
  void anIdleCacheIsEmptiedAndABusyOneKept() {
    CachingPoolStrategy strategy = new CachingPoolStrategy();
    ClassLoader busyLoader = new ClassLoader(null) {};
    TypePool.CacheProvider idle = strategy.locate(getClass().getClassLoader());
    TypePool.CacheProvider busy = strategy.locate(busyLoader);
    idle.register("a.B", new TypePool.Resolution.Illegal("a.B"));
    busy.register("c.D", new TypePool.Resolution.Illegal("c.D"));

    long now = System.nanoTime();
    ((CachingPoolStrategy.BoundedCache) idle).lastUse = now - IDLE - 1;
    strategy.trimIdle(now, IDLE);

    assertThat(idle.find("a.B")).as("idle cache").isNull();
    assertThat(busy.find("c.D")).as("busy cache").isNotNull();
  }

  @Test
  void theSameLoaderGetsTheSameCache() {
    CachingPoolStrategy strategy = new CachingPoolStrategy();
    ClassLoader loader = getClass().getClassLoader();
    assertThat(strategy.locate(loader)).isSameAs(strategy.locate(loader));
    assertThat(strategy.locate(null)).isSameAs(strategy.locate(null)).isNotSameAs(strategy.locate(loader));
  }
}
