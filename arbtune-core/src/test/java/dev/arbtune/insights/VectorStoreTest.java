package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VectorStoreTest {

  @Test
  void findsEveryPnlOfAHashAcrossMergedPartialChunks() {
    VectorStore a = new VectorStore();
    VectorStore b = new VectorStore();
    int n = VectorStore.CHUNK + 123;
    for (int i = 0; i < n; i++) {
      a.add(i % 1000, i);
      b.add(i % 1000, -i);
    }
    b.add(5_000, 7.5);
    a.merge(b);
    assertThat(a.size()).isEqualTo(2L * n + 1);
    assertThat(b.size()).isZero();
    List<Double> found = new ArrayList<>();
    a.lookup(999, found);
    long expected = 2L * ((n - 1 - 999) / 1000 + 1);
    assertThat(found).hasSize((int) expected).allMatch(x -> Math.abs(x) % 1000 == 999);
    found.clear();
    a.lookup(5_000, found);
    assertThat(found).containsExactly(7.5);
    found.clear();
    a.lookup(-1, found);
    assertThat(found).isEmpty();
  }

  static Stream<Arguments> sealKeepsEachHashWithItsPnl() {
    return Tries.of(50, Gen.ints(0, 3000), Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void sealKeepsEachHashWithItsPnl(int size, long seed) {
    Random random = new Random(seed);
    VectorStore store = new VectorStore();
    long[] hashes = new long[size];
    for (int i = 0; i < size; i++) {
      hashes[i] = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextLong();
      store.add(hashes[i], hashes[i] * 0.5);
    }
    double[] pnls = store.pnls();
    assertThat(pnls).hasSize(size);
    for (int i = 0; i < size; i++) {
      List<Double> found = new ArrayList<>();
      store.lookup(hashes[i], found);
      assertThat(found).isNotEmpty().containsOnly(hashes[i] * 0.5);
    }
  }
}
