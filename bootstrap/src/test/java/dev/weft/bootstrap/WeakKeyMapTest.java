package dev.weft.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

class WeakKeyMapTest {

  @Test
  void keysCompareByIdentityNotEquals() {
    WeakKeyMap<String, Integer> map = new WeakKeyMap<>();
    String a = new String("same");
    String b = new String("same");
    map.put(a, 1);
    assertThat(map.get(a)).isEqualTo(1);
    assertThat(map.get(b)).isNull();
    map.put(b, 2);
    assertThat(map.get(a)).isEqualTo(1);
    assertThat(map.get(b)).isEqualTo(2);
    assertThat(map.remove(a)).isEqualTo(1);
    assertThat(map.get(a)).isNull();
  }

  @Test
  void doesNotKeepKeysAlive() throws Exception {
    WeakKeyMap<Object, String> map = new WeakKeyMap<>();
    Object key = new Object();
    WeakReference<Object> ref = new WeakReference<>(key);
    map.put(key, "state");
    key = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(ref.get()).as("the map must not keep its key reachable").isNull();
    // The entry of a collected key is purged once the collector has queued its reference.
    for (int i = 0; i < 100 && map.size() > 0; i++) {
      Thread.sleep(10);
    }
    assertThat(map.size()).isZero();
  }
}
