package dev.weft.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State attached to an object Weft does not own (an {@code HttpURLConnection}, a task) without adding
 * a field to its class (Weft never changes class shapes) and without keeping the object alive.
 *
 * <p>Keys compare by identity. Entries whose key was collected are removed on later writes, so the
 * map cannot grow with garbage. Look-ups allocate nothing.
 */
public final class WeakKeyMap<K, V> {
  private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final ThreadLocal<LookupKey> lookupKey =
      new ThreadLocal<LookupKey>() {
        @Override
        protected LookupKey initialValue() {
          return new LookupKey();
        }
      };

  public V get(K key) {
    LookupKey lookup = lookupKey.get().reset(key);
    try {
      return map.get(lookup);
    } finally {
      lookup.reset(null);
    }
  }

  public void put(K key, V value) {
    expunge();
    map.put(new WeakKey(key, collected), value);
  }

  public V remove(K key) {
    expunge();
    LookupKey lookup = lookupKey.get().reset(key);
    try {
      return map.remove(lookup);
    } finally {
      lookup.reset(null);
    }
  }

  public int size() {
    expunge();
    return map.size();
  }

  private void expunge() {
    Object ref;
    while ((ref = collected.poll()) != null) {
      map.remove(ref);
    }
  }

  private static final class WeakKey extends WeakReference<Object> {
    private final int hash;

    WeakKey(Object key, ReferenceQueue<Object> queue) {
      super(key, queue);
      this.hash = System.identityHashCode(key);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      Object mine = get();
      if (mine == null) {
        return false;
      }
      if (other instanceof WeakKey) {
        return mine == ((WeakKey) other).get();
      }
      if (other instanceof LookupKey) {
        return mine == ((LookupKey) other).key;
      }
      return false;
    }
  }

  private static final class LookupKey {
    private Object key;
    private int hash;

    LookupKey reset(Object key) {
      this.key = key;
      this.hash = key == null ? 0 : System.identityHashCode(key);
      return this;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (other instanceof WeakKey) {
        return key != null && key == ((WeakKey) other).get();
      }
      return other == this;
    }
  }
}
