package dev.arbtune.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.bench.gen.DocumentFactory.Job;
import dev.arbtune.result.ErrorKind;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultFormatException;
import dev.arbtune.result.ResultReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentFactoryTest {

  private final ResultReader reader = new ResultReader();

  private ResultDocument parse(Job job) throws ResultFormatException {
    return reader.read(job.text().getBytes(StandardCharsets.UTF_8));
  }

  private static ErrorKind failure(ResultReader reader, Job job) {
    try {
      reader.read(job.text().getBytes(StandardCharsets.UTF_8));
      return null;
    } catch (ResultFormatException e) {
      return e.kind();
    }
  }

  @Test
  void validDocumentsAreSuccessesWithAValidConfigAndFiniteMetrics() throws Exception {
    DocumentFactory f = new DocumentFactory(42, 3000, 1000, 0, false);
    for (long i = 0; i < 3000; i += 7) {
      Job job = f.job(i);
      assertThat(job.isBroken()).isFalse();
      ResultDocument doc = parse(job);
      assertThat(doc.isSuccess()).isTrue();
      assertThat(doc.declaredJobId()).isEqualTo(job.jobId()).isEqualTo(f.jobId(i));
      assertThat(doc.tag()).isEqualTo(job.tag());
      BacktestConfig config = BacktestConfig.fromMap(doc.config());
      assertThat(config.maxPositionUsd()).isPositive();
      assertThat(doc.metrics())
          .containsKeys(
              "total_trades",
              "closed_trades",
              "open_trades",
              "final_balance_usd",
              "realized_pnl_usd",
              "max_drawdown_pct",
              "win_rate",
              "avg_pnl_per_trade_usd",
              "runtime_seconds");
      BigDecimal pnl = (BigDecimal) doc.metrics().get("realized_pnl_usd");
      BigDecimal initial = (BigDecimal) doc.config().get("initial_balance_usd");
      assertThat((BigDecimal) doc.metrics().get("final_balance_usd"))
          .isEqualByComparingTo(initial.add(pnl));
      long total = (Long) doc.metrics().get("total_trades");
      long open = (Long) doc.metrics().get("open_trades");
      assertThat((Long) doc.metrics().get("closed_trades")).isEqualTo(total - open);
      assertThat(open).isBetween(0L, (long) config.maxOpenTrades());
      BigDecimal winRate = (BigDecimal) doc.metrics().get("win_rate");
      assertThat(winRate).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
    }
  }

  @Test
  void filesAreSevenToNineHundredBytesInPythonsIndentedLayout() {
    DocumentFactory f = new DocumentFactory(1, 2000, 1000, 0, false);
    for (long i = 0; i < 2000; i += 3) {
      String text = f.job(i).text();
      assertThat(text.length()).isBetween(650, 950);
      assertThat(text)
          .startsWith("{\n  \"status\": \"success\",\n  \"config\": {\n    \"data_file\"");
      assertThat(text).endsWith("\n}\n").doesNotContain("\t");
    }
  }

  @Test
  void jobIdsArePaddedAndEachSessionHoldsFilesPerDirJobs() {
    DocumentFactory small = new DocumentFactory(1, 2500, 1000, 0, false);
    assertThat(small.jobId(0)).isEqualTo("sess001_0001");
    assertThat(small.jobId(999)).isEqualTo("sess001_1000");
    assertThat(small.jobId(1000)).isEqualTo("sess002_0001");
    assertThat(small.tag(2499)).isEqualTo("sess003");
    DocumentFactory large = new DocumentFactory(1, 1_000_000, 1000, 0, false);
    assertThat(large.jobId(999_999)).isEqualTo("sess1000_1000");
    DocumentFactory wide = new DocumentFactory(1, 10, 20_000, 0, false);
    assertThat(wide.jobId(0)).isEqualTo("sess001_00001");
  }

  @Test
  void jobsOfASessionAreDistinctGridPoints() {
    DocumentFactory f = new DocumentFactory(5, 1000, 1000, 0, false);
    Set<String> configs = new HashSet<>();
    for (long i = 0; i < 1000; i++) {
      String text = f.job(i).text();
      configs.add(text.substring(text.indexOf("\"config\""), text.indexOf("\"metrics\"")));
    }
    assertThat(configs).hasSize(1000);
  }

  @Test
  void everyBrokenKindBreaksTheDocumentTheWayTheCoreReaderSeesIt() throws Exception {
    DocumentFactory f = new DocumentFactory(3, 600, 1000, 1.0, false);
    Set<BrokenKind> seen = EnumSet.noneOf(BrokenKind.class);
    for (long i = 0; i < 600; i++) {
      Job job = f.job(i);
      assertThat(job.isBroken()).isTrue();
      seen.add(job.broken());
      switch (job.broken()) {
        case EMPTY -> assertThat(failure(reader, job)).isEqualTo(ErrorKind.EMPTY);
        case TRUNCATED, INVALID_JSON ->
            assertThat(failure(reader, job)).as(job.text()).isEqualTo(ErrorKind.MALFORMED_JSON);
        case NOT_AN_OBJECT -> assertThat(failure(reader, job)).isEqualTo(ErrorKind.NOT_AN_OBJECT);
        case STATUS_ERROR -> {
          ResultDocument doc = parse(job);
          assertThat(doc.status()).isEqualTo("error");
          assertThat(doc.error()).isNotBlank();
          assertThat(doc.declaredJobId()).isEqualTo(job.jobId());
        }
        case NAN_PNL -> {
          ResultDocument doc = parse(job);
          assertThat(doc.isSuccess()).isTrue();
          assertThat(doc.metrics().get("realized_pnl_usd")).isEqualTo(Double.NaN);
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(BrokenKind.values());
  }

  @Test
  void jsonLinesDocumentsAreSingleLinesAndNeverEmpty() throws Exception {
    DocumentFactory f = new DocumentFactory(3, 600, 1000, 0.5, true);
    Set<BrokenKind> seen = EnumSet.noneOf(BrokenKind.class);
    for (long i = 0; i < 600; i++) {
      Job job = f.job(i);
      assertThat(job.text()).doesNotContain("\n").isNotEmpty();
      if (job.isBroken()) {
        seen.add(job.broken());
      } else {
        assertThat(parse(job).isSuccess()).isTrue();
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(BrokenKind.forJsonLines());
    assertThat(seen).doesNotContain(BrokenKind.EMPTY);
  }

  @Test
  void sameSeedAndIndexGiveTheSameTextAndOtherSeedsDiffer() {
    DocumentFactory a = new DocumentFactory(9, 100, 1000, 0.1, false);
    DocumentFactory b = new DocumentFactory(9, 100, 1000, 0.1, false);
    DocumentFactory c = new DocumentFactory(10, 100, 1000, 0.1, false);
    int differing = 0;
    for (long i = 0; i < 100; i++) {
      assertThat(a.job(i)).isEqualTo(b.job(i));
      differing += a.job(i).text().equals(c.job(i).text()) ? 0 : 1;
    }
    assertThat(differing).isGreaterThan(90);
  }

  @Test
  void validDocumentsDoNotDependOnTheBrokenFraction() {
    DocumentFactory none = new DocumentFactory(4, 500, 1000, 0, false);
    DocumentFactory half = new DocumentFactory(4, 500, 1000, 0.5, false);
    int compared = 0;
    for (long i = 0; i < 500; i++) {
      Job j = half.job(i);
      if (!j.isBroken()) {
        assertThat(j.text()).isEqualTo(none.job(i).text());
        compared++;
      }
    }
    assertThat(compared).isBetween(150, 350);
  }

  @Test
  void rejectsOutOfRangeSettings() {
    assertThatThrownBy(() -> new DocumentFactory(1, -1, 1000, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DocumentFactory(1, 1, 0, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DocumentFactory(1, 1, 1000, 1.5, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DocumentFactory(1, 1, 1000, Double.NaN, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
