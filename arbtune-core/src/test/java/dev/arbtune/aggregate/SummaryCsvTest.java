package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.result.ErrorKind;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ranked jobs as CSV: header, columns in first-seen order, cells, error rows. */
class SummaryCsvTest {

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static AggregatedJobResult ok(
      String id, String tag, Map<String, Object> config, Map<String, Object> metrics) {
    return new AggregatedJobResult(
        id, tag, config, metrics, JobStatus.SUCCESS, id + ".json", 0, null);
  }

  private static String csv(AggregatedSummary s) throws IOException {
    StringWriter out = new StringWriter();
    SummaryCsv.write(s, out);
    return out.toString();
  }

  private static AggregatedSummary summary(
      List<AggregatedJobResult> top, List<AggregatedJobResult> errorRows) {
    return new AggregatedSummary(
        top.size() + (errorRows == null ? 0 : errorRows.size()),
        top.size(),
        errorRows == null ? 0 : errorRows.size(),
        top,
        Map.of(),
        RankingSpec.PNL,
        top.size(),
        0,
        Map.of(),
        List.of(),
        0,
        List.of(),
        0,
        null,
        0,
        errorRows);
  }

  private static final List<AggregatedJobResult> TOP =
      List.of(
          ok(
              "a",
              "s1",
              map("min_spread_bps", new BigDecimal("30.0"), "note", "x, \"y\""),
              map("realized_pnl_usd", new BigDecimal("12.50"), "total_trades", 3L)),
          ok(
              "b",
              null,
              map("min_spread_bps", 35L, "grid", map("k", List.of(1L, 2L)), "stop", null),
              map("realized_pnl_usd", -1.0, "win_rate", 0.5)));

  @Test
  void writesOneRowPerRankedJobWithTheKeysInFirstSeenOrder() throws IOException {
    assertThat(csv(summary(TOP, null)))
        .isEqualTo(
            "rank,job_id,tag,status,config.min_spread_bps,config.note,config.grid,config.stop,"
                + "metrics.realized_pnl_usd,metrics.total_trades,metrics.win_rate\r\n"
                + "1,a,s1,success,30.0,\"x, \"\"y\"\"\",,,12.50,3,\r\n"
                + "2,b,,success,35,,\"{\"\"k\"\":[1,2]}\",,-1.0,,0.5\r\n");
  }

  @Test
  void anEmptyRankingIsTheHeaderAlone() throws IOException {
    assertThat(csv(summary(List.of(), null))).isEqualTo("rank,job_id,tag,status\r\n");
  }

  @Test
  void errorRowsFollowWithoutRankOrMetricsAndAddTheirConfigKeys() throws IOException {
    AggregatedJobResult broken =
        new AggregatedJobResult(
            "e",
            "s2",
            map("min_spread_bps", 40L, "only_here", true),
            Map.of(),
            JobStatus.ERROR,
            "e.json",
            0,
            new JobError(ErrorKind.STATUS_ERROR, "ran out of quotes"));
    assertThat(csv(summary(TOP.subList(0, 1), List.of(broken))))
        .isEqualTo(
            "rank,job_id,tag,status,config.min_spread_bps,config.note,config.only_here,"
                + "metrics.realized_pnl_usd,metrics.total_trades,error_kind,error\r\n"
                + "1,a,s1,success,30.0,\"x, \"\"y\"\"\",,12.50,3,,\r\n"
                + ",e,s2,error,40,,true,,,status-error,ran out of quotes\r\n");
  }
}
