package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plan's job count from its bytes is the count of its non-blank lines read as text: the way the
 * session counted before (and still reads the plan), {@link #reference}.
 */
class PlanJobCountTest {

  /**
   * Pieces of a plan: JSON-ish text, ASCII whitespace (Java's, including 0x1C..0x1F but not NUL),
   * line ends, a byte order mark, Unicode spaces (whitespace: U+1680, U+2000..U+200A but U+2007,
   * U+2028, U+2029, U+205F, U+3000), characters that look blank but are not (U+0085, U+00A0,
   * U+2007, U+202F, U+200B, U+FEFF), other non-ASCII text, and malformed or truncated UTF-8.
   */
  private static final List<String> PIECES =
      List.of(
          "{\"a\":1}",
          "x",
          "\u0000",
          " ",
          "\t",
          "\u000b",
          "\u000c",
          "\u001c",
          "\u001f",
          "\n",
          "\r",
          "\r\n",
          "\n\r",
          "\uFEFF",
          "\u1680",
          "\u2000",
          "\u2006",
          "\u200a",
          "\u2028",
          "\u2029",
          "\u205f",
          "\u3000",
          "\u0085",
          "\u00a0",
          "\u2007",
          "\u202f",
          "\u200b",
          "é",
          "\uD83D\uDE00",
          "#e2",
          "#e280",
          "#80",
          "#bf",
          "#c0",
          "#ff",
          "#f4",
          "#f0a0",
          "#eda080",
          "#e2800a",
          "#e2800d",
          "#efbb",
          "#efbbbf");

  /**
   * Today's count: {@code BufferedReader.readLine} over the UTF-8 text, as the session reads it.
   */
  static long reference(byte[] plan, long max) throws IOException {
    long count = 0;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new ByteArrayInputStream(plan),
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
      String text = in.readLine();
      if (text != null && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      for (; count < max && text != null; text = in.readLine()) {
        if (!text.isBlank()) {
          count++;
        }
      }
    }
    return count;
  }

  private static byte[] bytes(String piece) {
    return piece.startsWith("#")
        ? HexFormat.of().parseHex(piece.substring(1))
        : piece.getBytes(StandardCharsets.UTF_8);
  }

  private static long count(byte[] plan, long max, int bufferBytes) throws IOException {
    return PlanJobCount.count(new ByteArrayInputStream(plan), max, bufferBytes);
  }

  static Stream<Arguments> countsWhatReadingTheTextCounts() {
    return Tries.of(3000, Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void countsWhatReadingTheTextCounts(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    ByteArrayOutputStream plan = new ByteArrayOutputStream();
    if (r.nextInt(4) == 0) {
      plan.writeBytes(bytes("\uFEFF"));
    }
    // mostly blank-looking pieces, so that blank and nearly blank lines are common
    int pieces = r.nextInt(0, 60);
    for (int i = 0; i < pieces; i++) {
      String piece =
          r.nextInt(8) == 0 ? PIECES.get(r.nextInt(2)) : PIECES.get(r.nextInt(2, PIECES.size()));
      plan.writeBytes(bytes(piece));
    }
    byte[] bytes = plan.toByteArray();
    long max = r.nextInt(3) == 0 ? r.nextInt(0, 6) : Long.MAX_VALUE;
    long want = reference(bytes, max);
    for (int buffer : new int[] {3, 4, 5, 7, 16, PlanJobCount.BUFFER_BYTES}) {
      assertThat(count(bytes, max, buffer))
          .as("buffer %d, max %d, plan %s", buffer, max, HexFormat.of().formatHex(bytes))
          .isEqualTo(want);
    }
  }

  @Test
  void plainExamples() throws IOException {
    assertThat(count("", Long.MAX_VALUE)).isZero();
    assertThat(count("{}", Long.MAX_VALUE)).isEqualTo(1); // no final line end
    assertThat(count("{}\n\n  \t\n{}\r\n\r\n{}\r{}\n", Long.MAX_VALUE)).isEqualTo(4);
    assertThat(count("{}\n{}\n{}\n", 2)).isEqualTo(2);
    assertThat(count("{}\n", 0)).isZero();
    assertThat(count("\uFEFF\n{}\n", Long.MAX_VALUE)).isEqualTo(1); // the mark is not a job
    assertThat(count("{}\n\uFEFF\n", Long.MAX_VALUE)).isEqualTo(2); // but is text after line 1
    assertThat(count("\u2000\u3000\n\u00a0\n\u0085\n", Long.MAX_VALUE)).isEqualTo(2);
  }

  @Test
  void malformedBytesAreText() throws IOException {
    byte[] plan = HexFormat.of().parseHex("0a20e2800a0a20ff200a");
    assertThat(count(plan, Long.MAX_VALUE, PlanJobCount.BUFFER_BYTES)).isEqualTo(2);
    assertThat(reference(plan, Long.MAX_VALUE)).isEqualTo(2);
  }

  @Test
  void aBlankLineLongerThanTheBufferIsDecodedWhole() throws IOException {
    String spaces = "\u2000".repeat(100) + " ".repeat(50) + "\u3000";
    assertThat(count(spaces + "\n" + spaces, Long.MAX_VALUE)).isZero();
    byte[] halfSpace = (spaces + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] cut = new byte[halfSpace.length - 2]; // the last space loses its last byte
    System.arraycopy(halfSpace, 0, cut, 0, cut.length);
    for (int buffer : new int[] {3, 5, 64}) {
      assertThat(count(cut, Long.MAX_VALUE, buffer)).isEqualTo(1);
    }
  }

  private static long count(String plan, long max) throws IOException {
    long got = count(plan.getBytes(StandardCharsets.UTF_8), max, 3);
    assertThat(count(plan.getBytes(StandardCharsets.UTF_8), max, PlanJobCount.BUFFER_BYTES))
        .isEqualTo(got);
    return got;
  }
}
