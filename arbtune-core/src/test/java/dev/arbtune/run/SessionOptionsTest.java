package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.backtest.QuotesCache;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SessionOptionsTest {

  private final SessionOptions.Builder builder =
      SessionOptions.builder(Path.of("plan.jsonl"), Path.of("out"));

  @Test
  void theQuotesBudgetDefaultsToTheCachesDefaultAndCanBeSet() {
    assertThat(builder.build().quotesCacheBytes()).isEqualTo(QuotesCache.defaultBudgetBytes());
    assertThat(builder.quotesCacheBytes(1 << 20).build().quotesCacheBytes()).isEqualTo(1 << 20);
  }

  @Test
  void outOfRangeValuesAreRefused() {
    assertThatThrownBy(() -> builder.quotesCacheBytes(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quotesCacheBytes");
    assertThatThrownBy(() -> SessionOptions.builder(Path.of("p"), Path.of("o")).maxJobs(0).build())
        .hasMessageContaining("maxJobs");
    assertThatThrownBy(
            () -> SessionOptions.builder(Path.of("p"), Path.of("o")).parallelism(0).build())
        .hasMessageContaining("parallelism");
  }
}
