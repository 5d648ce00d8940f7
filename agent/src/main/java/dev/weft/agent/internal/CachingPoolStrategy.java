package dev.weft.agent.internal;

import dev.weft.bootstrap.WeakKeyMap;
import dev.weft.tooling.SuperTypes;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * One type-description cache per class loader, so super types parsed for one hierarchy match are not
 * parsed again for the next. Loaders are held weakly (a redeployed web application must be collectable)
 * and each cache is bounded: past the bound it starts over, which costs re-parsing, never memory.
 *
 * <p>The descriptions are only worth keeping while classes are being loaded (start-up, a deployment):
 * a cache that has not been used for {@link #IDLE_SECONDS} seconds is emptied by a daemon thread. A
 * full cache holds tens of thousands of small objects (about 15 MB measured behind a Tomcat + JDBC
 * service), which would otherwise stay on the application's heap for good.
 */
final class CachingPoolStrategy extends AgentBuilder.PoolStrategy.WithTypePoolCache {
  private static final int MAX_ENTRIES_PER_LOADER = 2000;
  static final long IDLE_SECONDS = 30;
  private static final Object BOOTSTRAP = new Object();

  private final WeakKeyMap<Object, TypePool.CacheProvider> caches = new WeakKeyMap<>();
  private final List<WeakReference<BoundedCache>> all = new CopyOnWriteArrayList<>();
  private final AtomicBoolean trimmerStarted = new AtomicBoolean();

  CachingPoolStrategy() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  @Override
  protected TypePool.CacheProvider locate(ClassLoader classLoader) {
    Object key = classLoader == null ? BOOTSTRAP : classLoader;
    TypePool.CacheProvider cache = caches.get(key);
    if (cache == null) {
      synchronized (this) {
        cache = caches.get(key);
        if (cache == null) {
          BoundedCache created = new BoundedCache();
          caches.put(key, created);
          all.add(new WeakReference<>(created));
          startTrimmer();
          cache = created;
        }
      }
    }
    return cache;
  }

  private void startTrimmer() {
    if (!trimmerStarted.compareAndSet(false, true)) {
      return;
    }
    Thread trimmer = new Thread(this::trimForever, "weft-type-cache-trimmer");
    trimmer.setDaemon(true);
    trimmer.start();
  }

  private void trimForever() {
    long idleNanos = TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
    while (true) {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS) / 3);
      } catch (InterruptedException e) {
        return;
      }
      trimIdle(System.nanoTime(), idleNanos);
    }
  }

  /**
   * Empties every cache unused for {@code idleNanos}; forgets the caches of collected loaders. When no
   * loader has loaded a class for that long, the class-header caches of {@link SuperTypes} go too.
   */
  void trimIdle(long now, long idleNanos) {
    boolean anyInUse = false;
    for (WeakReference<BoundedCache> ref : all) {
      BoundedCache cache = ref.get();
      if (cache == null) {
        all.remove(ref);
      } else if (now - cache.lastUse > idleNanos) {
        if (!cache.map.isEmpty()) {
          cache.map.clear();
        }
      } else {
        anyInUse = true;
      }
    }
    if (!anyInUse) {
      SuperTypes.clearCaches();
    }
  }

  static final class BoundedCache implements TypePool.CacheProvider {
    final ConcurrentHashMap<String, TypePool.Resolution> map = new ConcurrentHashMap<>();
    /** Written on every use: a plain volatile write, cheaper than any bookkeeping per entry. */
    volatile long lastUse = System.nanoTime();

    @Override
    public TypePool.Resolution find(String name) {
      lastUse = System.nanoTime();
      return map.get(name);
    }

    @Override
    public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
      lastUse = System.nanoTime();
      if (map.size() >= MAX_ENTRIES_PER_LOADER) {
        map.clear();
      }
      TypePool.Resolution previous = map.putIfAbsent(name, resolution);
      return previous == null ? resolution : previous;
    }

    @Override
    public void clear() {
      map.clear();
    }
  }
}
