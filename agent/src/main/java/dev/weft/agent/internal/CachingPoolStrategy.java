package dev.weft.agent.internal;

import dev.weft.bootstrap.WeakKeyMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * One type-description cache per class loader, so super types parsed for one hierarchy match are not
 * parsed again for the next. Loaders are held weakly (a redeployed web application must be collectable)
 * and each cache is bounded: past the bound it starts over, which costs re-parsing, never memory.
 */
final class CachingPoolStrategy extends AgentBuilder.PoolStrategy.WithTypePoolCache {
  private static final int MAX_ENTRIES_PER_LOADER = 2000;
  private static final Object BOOTSTRAP = new Object();

  private final WeakKeyMap<Object, TypePool.CacheProvider> caches = new WeakKeyMap<>();

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
          cache = new BoundedCache();
          caches.put(key, cache);
        }
      }
    }
    return cache;
  }

  private static final class BoundedCache implements TypePool.CacheProvider {
    private final ConcurrentHashMap<String, TypePool.Resolution> map = new ConcurrentHashMap<>();

    @Override
    public TypePool.Resolution find(String name) {
      return map.get(name);
    }

    @Override
    public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
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
