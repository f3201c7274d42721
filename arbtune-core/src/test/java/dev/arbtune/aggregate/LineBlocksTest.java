package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBlocksTest {

  /** What a splitter handed out, as "firstLine:text" and "oversized:line:bytes" entries. */
  private static List<String> split(String text, int maxLine) throws IOException {
    List<String> out = new ArrayList<>();
    LineBlocks blocks =
        new LineBlocks(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLine);
    LineBlocks.Receiver r =
        new LineBlocks.Receiver() {
          @Override
          public void lines(long firstLine, byte[] data, int length) {
            out.add(firstLine + ":" + new String(data, 0, length, StandardCharsets.UTF_8));
          }

          @Override
          public void oversized(long line, long bytes) {
            out.add("oversized:" + line + ":" + bytes);
          }
        };
    while (blocks.next(r)) {
      // drain
    }
    return out;
  }

  @Test
  void handsOutWholeLinesNumberedFromOne() throws IOException {
    assertThat(split("a\nb\nc", 1 << 20)).containsExactly("1:a\nb\nc");
    assertThat(split("", 1 << 20)).isEmpty();
  }

  @Test
  void aLineOverTheLimitIsSkippedUnreadAndNumberingGoesOn() throws IOException {
    String huge = "x".repeat(LineBlocks.BLOCK * 3);
    List<String> out = split("{\"a\":1}\n" + huge + "\n{\"b\":2}\n", LineBlocks.BLOCK);
    assertThat(out)
        .containsExactly("1:{\"a\":1}\n", "oversized:2:" + huge.length(), "3:{\"b\":2}\n");
  }

  @Test
  void anOversizedLastLineWithoutALineBreakIsReported() throws IOException {
    String huge = "y".repeat(LineBlocks.BLOCK * 2 + 5);
    assertThat(split("ok\n" + huge, LineBlocks.BLOCK))
        .containsExactly("1:ok\n", "oversized:2:" + huge.length());
  }

  @Test
  void linesLongerThanABlockButUnderTheLimitArriveWhole() throws IOException {
    String longLine = "z".repeat(LineBlocks.BLOCK + 10);
    assertThat(split(longLine + "\nend\n", LineBlocks.BLOCK * 4))
        .containsExactly("1:" + longLine + "\nend\n");
  }
}
