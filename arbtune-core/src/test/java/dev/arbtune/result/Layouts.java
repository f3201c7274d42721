package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** What the layout tests share: a document laid out in parts, and the comparison with the maps'. */
final class Layouts {

  private Layouts() {}

  /**
   * A success document laid out as {@link dev.arbtune.run.JobDocument#plainBytes()} lays one out:
   * {@code config} and {@code metrics} members, an empty {@code config_summary}, then whatever
   * {@code extra} lays out at the top level.
   */
  static byte[] document(
      Consumer<DocumentLayout> config,
      Consumer<DocumentLayout> metrics,
      Consumer<DocumentLayout> extra) {
    DocumentLayout out = new DocumentLayout();
    out.beginObject("config");
    config.accept(out);
    out.end().beginObject("metrics");
    metrics.accept(out);
    out.end().beginObject("config_summary").end();
    extra.accept(out);
    return out.finish();
  }

  /**
   * Asserts that {@code laidOut} has exactly the bytes of {@code reference} ({@link
   * PlainDocumentWriter#success}'s for the same members), or that both declined.
   *
   * @return whether the document was laid out (not declined)
   */
  static boolean assertLaidOutAsReference(byte[] laidOut, byte[] reference) {
    if (reference == null) {
      assertThat(laidOut)
          .as("laid out a document the maps' writer declines:\n%s", text(laidOut))
          .isNull();
      return false;
    }
    assertThat(laidOut)
        .as("declined a document the maps' writer writes:\n%s", text(reference))
        .isNotNull();
    assertThat(text(laidOut)).isEqualTo(text(reference));
    assertThat(laidOut).isEqualTo(reference);
    return true;
  }

  /**
   * Counts a try's outcome in {@code counts} (laid out, declined) and, once {@code enough} tries
   * ran, asserts that each outcome is at least {@code minPercent} of them: a property that only
   * ever declines (or never does) proves little.
   */
  static void countOutcome(int[] counts, boolean laidOut, int enough, double minPercent) {
    synchronized (counts) {
      counts[laidOut ? 0 : 1]++;
      int tries = counts[0] + counts[1];
      if (tries >= enough) {
        assertThat(100.0 * counts[0] / tries).as("%% laid out").isGreaterThan(minPercent);
        assertThat(100.0 * counts[1] / tries).as("%% declined").isGreaterThan(minPercent);
      }
    }
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }
}
