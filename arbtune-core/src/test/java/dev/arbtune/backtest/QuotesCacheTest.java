package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotesCacheTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void sharesOneInstanceAcrossSpellingsOfThePath() throws Exception {
    Path file =
        write("d/q.csv", "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1,1,1,1,1\n");
    QuotesCache cache = new QuotesCache();

    Quotes a = cache.get(file);
    Quotes b = cache.get(dir.resolve("d/../d/./q.csv"));

    assertThat(b).isSameAs(a);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void concurrentRequestsGetTheSameInstance() throws Exception {
    Quotes expected = QuotesLoader.load(TestQuotes.EURUSD_SAMPLE);
    QuotesCache cache = new QuotesCache();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Quotes>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Callable<Quotes> task = () -> cache.get(TestQuotes.EURUSD_SAMPLE);
        results.add(pool.submit(task));
      }
      Quotes first = results.get(0).get();
      for (Future<Quotes> f : results) {
        assertThat(f.get()).isSameAs(first);
      }
      assertThat(first).isEqualTo(expected);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void malformedFileErrorNamesThePathAsRequested() throws Exception {
    write("bad.csv", "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1,x,1,1,1\n");
    QuotesCache cache = new QuotesCache();
    Path asked = dir.resolve("./bad.csv");

    assertThatThrownBy(() -> cache.get(asked))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith(asked + ", line 2, column best_bid_a");
    assertThatThrownBy(() -> cache.get(dir.resolve("bad.csv")))
        .hasMessageStartingWith(dir.resolve("bad.csv") + ", line 2");
  }

  @Test
  void missingFileIsNoSuchFileAndNotRemembered() throws Exception {
    QuotesCache cache = new QuotesCache();
    Path later = dir.resolve("later.csv");

    assertThatThrownBy(() -> cache.get(later)).isInstanceOf(NoSuchFileException.class);
    write("later.csv", "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1,1,1,1,1\n");
    assertThat(cache.get(later).size()).isEqualTo(1);
  }
}
