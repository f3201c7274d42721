package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobIdSetTest {

  @Test
  void reportsEachIdAsNewExactlyOnce() {
    JobIdSet set = new JobIdSet();
    Set<String> reference = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      String id = "sess_" + (i * 7919 % 30_011);
      assertThat(set.add(id)).isEqualTo(reference.add(id));
    }
    assertThat(set.add("")).isTrue();
    assertThat(set.add("")).isFalse();
  }

  @Test
  void tellsApartIdsThatDifferOnlyInLoneSurrogatesOrNonAsciiCharacters() {
    // A JSON escape can put a lone surrogate into a job id; encoded as UTF-8 these all read "a?".
    JobIdSet set = new JobIdSet();
    for (String id : new String[] {"a?", "a\ud800", "a\udbff", "a\udc00", "a\u00e9", "a\u0435"}) {
      assertThat(set.add(id)).as(id).isTrue();
    }
    assertThat(set.add("a\ud800")).isFalse();
  }

  @Test
  void isSafeToShareBetweenThreads() throws InterruptedException {
    JobIdSet set = new JobIdSet();
    AtomicInteger fresh = new AtomicInteger();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  if (set.add("job_" + i)) {
                    fresh.incrementAndGet();
                  }
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(fresh.get()).isEqualTo(20_000);
  }
}
