package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.result.ErrorKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Markdown summary's sections: counts, filters, ranking title, errors, warnings, escaping. */
class SummaryMarkdownTest {

  private static AggregatedJobResult ok(String id, double pnl) {
    return new AggregatedJobResult(
        id,
        null,
        Map.of(),
        Map.of("realized_pnl_usd", pnl, "total_trades", 2L),
        JobStatus.SUCCESS,
        id + ".json",
        0,
        null);
  }

  @Test
  void countsFiltersAndAnEmptyRanking() {
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("max_drawdown_pct", 15.0);
    filters.put("min_trades", 3);
    AggregatedSummary s = new AggregatedSummary(4, 4, 0, List.of(), filters);

    String md = SummaryMarkdown.format(s, 20);

    assertThat(md)
        .startsWith(
            "# Tuning session summary\n\n"
                + "| total jobs | success | error | skipped files | passed filters |\n"
                + "| ---: | ---: | ---: | ---: | ---: |\n"
                + "| 4 | 4 | 0 | 0 | 0 |\n\n"
                + "Filters: `max_drawdown_pct: 15.0`, `min_trades: 3`\n\n"
                + "## Top 0 by Realized PnL (USD)\n\n"
                + "_No success job passed the filters._\n");
    assertThat(md).doesNotContain("## Errors").doesNotContain("## Warnings").endsWith("._\n");
  }

  @Test
  void rankedRowsAnotherRankingsColumnAndItsTitle() {
    AggregatedSummary s =
        new AggregatedSummary(
            2,
            2,
            0,
            List.of(ok("a|b", 3.5), ok("c", 1)),
            Map.of(),
            RankingSpec.by("fees_paid_usd"),
            2,
            0,
            Map.of(),
            List.of(),
            0,
            List.of(),
            0,
            null,
            0);

    String md = SummaryMarkdown.format(s, 20);

    assertThat(md).contains("## Top 2 by fees_paid_usd (ascending)\n\n");
    assertThat(md)
        .contains(
            "| rank | job_id | realized_pnl_usd | max_drawdown_pct | total_trades | win_rate |"
                + " fees_paid_usd | min_spread_bps | slippage_bps | closed_trades |\n");
    assertThat(md)
        .contains(
            "| 1 | a\\|b | 3.5 |  | 2 |  |  |  |  |  |\n| 2 | c | 1 |  | 2 |  |  |  |  |  |\n");
  }

  @Test
  void errorsByKindUpToTheLimitEscapedAndWarningsWithTheirTotal() {
    AggregatedSummary s =
        new AggregatedSummary(
            3,
            0,
            3,
            List.of(),
            Map.of(),
            RankingSpec.PNL,
            0,
            0,
            Map.of(ErrorKind.MALFORMED_JSON, 3L),
            List.of(
                new ErrorReport("x.json", 0, "x", ErrorKind.MALFORMED_JSON, "bad | pipe\nline"),
                new ErrorReport("y.json", 0, "y", ErrorKind.MALFORMED_JSON, "second")),
            1,
            List.of(new Warning(Warning.MISSING_PNL, "z.json", "z.json: a|b")),
            4,
            null,
            0);

    String md = SummaryMarkdown.format(s, 1);

    assertThat(md)
        .contains(
            "\n## Errors (3)\n\n| kind | jobs |\n| --- | ---: |\n| malformed-json | 3 |\n\n"
                + "| where | kind | message |\n| --- | --- | --- |\n"
                + "| x.json | malformed-json | bad \\| pipe line |\n");
    assertThat(md).doesNotContain("second");
    assertThat(md).endsWith("\n## Warnings (5)\n\n- missing-pnl: z.json: a\\|b\n");
  }
}
