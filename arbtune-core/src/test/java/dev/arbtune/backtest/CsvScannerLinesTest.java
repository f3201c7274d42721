package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scanner's lines (found a word at a time) are the text's lines: every length from empty to
 * longer than a word, LF and CRLF ends, bytes that differ from '\n' in one bit, a last line with or
 * without an end.
 */
class CsvScannerLinesTest {

  private static final String CHARS = "a,1.\r\u000b\u000e\u008a\u00ff";

  static Stream<Arguments> linesAreTheTextsLines() {
    return Tries.of(500, Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void linesAreTheTextsLines(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> want = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int lines = r.nextInt(1, 40);
    boolean lastEnded = false;
    for (int i = 0; i < lines; i++) {
      StringBuilder line = new StringBuilder();
      int length = r.nextInt(0, 30);
      for (int k = 0; k < length; k++) {
        line.append(CHARS.charAt(r.nextInt(CHARS.length())));
      }
      while (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
        line.setLength(line.length() - 1); // a CR before the end belongs to the end
      }
      want.add(line.toString());
      text.append(line);
      lastEnded = i < lines - 1 || r.nextBoolean();
      if (lastEnded) {
        text.append(r.nextBoolean() ? "\r\n" : "\n");
      }
    }
    if (want.get(want.size() - 1).isEmpty() && !lastEnded) {
      want.remove(want.size() - 1); // an empty last line without an end is no line
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);

    CsvScanner in =
        CsvScanner.open(
            new ByteArrayInputStream(bytes), "x.csv", EpochUnit.AUTO, "time", "time_unit");
    List<String> got = new ArrayList<>();
    while (in.nextLine()) {
      byte[] line = new byte[in.lineEnd() - in.lineStart()];
      in.copyBytes(in.lineStart(), in.lineEnd(), line, 0);
      got.add(new String(line, StandardCharsets.ISO_8859_1));
    }

    assertThat(got).isEqualTo(want);
  }
}
