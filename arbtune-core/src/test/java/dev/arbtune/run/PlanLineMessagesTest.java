package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 11, item 14: a plan line's JSON failures are sentences without Java names. */
class PlanLineMessagesTest {

  private static String problem(String text) {
    PlanLine line = PlanLine.parse(7, text);
    assertThat(line.isValid()).isFalse();
    return line.problem();
  }

  @Test
  void parserLimitsAndTrailingTokensAreSentences() {
    String key = problem("{\"job_id\":\"a\",\"" + "k".repeat(60_000) + "\":1}");
    String number = problem("{\"job_id\":\"a\",\"config\":{\"x\":" + "9".repeat(2000) + "}}");
    String nesting = problem("{\"job_id\":\"a\",\"config\":{\"x\":" + "[".repeat(2000) + "}}");
    String trailing = problem("{\"job_id\":\"a\"} {\"x\":1}");

    assertThat(key).startsWith("not valid JSON: a key is longer than 50,000 characters");
    assertThat(number).startsWith("not valid JSON: a number is longer than 1,000 characters");
    assertThat(nesting).startsWith("not valid JSON: the values are nested deeper than 256 levels");
    assertThat(trailing)
        .isEqualTo("not valid JSON: something follows the end of the JSON value (column 16)");
    for (String p : new String[] {key, number, nesting, trailing}) {
      assertThat(p).doesNotContain("`").doesNotContain("java.").doesNotContain("Constraints");
    }
  }

  @Test
  void aLineThatEndsBeforeItsObjectClosesSaysWhereTheObjectStartedWithoutJavaNames() {
    String p = problem("{\"job_id\":\"z\",\"config\":{},\"output_json\":\"z.json\"");

    assertThat(p)
        .startsWith("not valid JSON: Unexpected end-of-input")
        .contains("line 1, column 1")
        .doesNotContain("Source")
        .doesNotContain("REDACTED")
        .doesNotContain("`");
  }
}
