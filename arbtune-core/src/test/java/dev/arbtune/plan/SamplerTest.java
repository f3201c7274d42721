package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplerTest {

  @Test
  void randomKeepsSamplesAndSeed() {
    assertThat(Sampler.random(5, -3)).isEqualTo(new Sampler.Random(5, -3));
    assertThat(Sampler.grid()).isInstanceOf(Sampler.Grid.class);
  }

  @Test
  void randomRejectsSamplesOutOfRange() {
    for (long bad : new long[] {0, -5, SessionConfig.MAX_JOBS + 1}) {
      assertThatThrownBy(() -> Sampler.random(bad, 1))
          .isInstanceOfSatisfying(
              SessionConfigException.class, e -> assertThat(e.field()).isEqualTo("samples"));
    }
  }
}
