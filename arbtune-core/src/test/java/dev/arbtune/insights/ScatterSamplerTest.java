package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScatterSamplerTest {

  private static List<ScatterSampler.Point> sample(List<Integer> order, int parts, int capacity) {
    List<ScatterSampler> samples = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      samples.add(new ScatterSampler(capacity));
    }
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      samples.get(k % parts).add(ScatterSampler.priority("job" + i, "f.json", 0), i, i * 0.1);
    }
    for (int p = 1; p < parts; p++) {
      samples.get(0).merge(samples.get(p));
    }
    assertThat(samples.get(0).offered()).isEqualTo(order.size());
    return samples.get(0).points();
  }

  @Test
  void sampleDoesNotDependOnArrivalOrderOrThreads() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(i);
    }
    List<ScatterSampler.Point> inOrder = sample(ids, 1, 500);
    Collections.shuffle(ids, new Random(7));
    assertThat(sample(ids, 3, 500)).isEqualTo(inOrder);
    assertThat(inOrder).hasSize(500);
  }

  @Test
  void keepsEverythingWhenThereIsRoom() {
    List<Integer> ids = List.of(1, 2, 3);
    assertThat(sample(ids, 1, 10))
        .extracting(ScatterSampler.Point::pnl)
        .containsExactlyInAnyOrder(1.0, 2.0, 3.0);
  }

  @Test
  void sampleIsSpreadOverTheWholeRange() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(i);
    }
    List<ScatterSampler.Point> points = sample(ids, 1, 1000);
    long lowHalf = points.stream().filter(p -> p.pnl() < 5000).count();
    // a uniform sample puts about half below the middle (binomial sd ~ 16)
    assertThat(lowHalf).isBetween(420L, 580L);
  }
}
