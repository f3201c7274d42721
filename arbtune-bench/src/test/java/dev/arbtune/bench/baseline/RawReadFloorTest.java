package dev.arbtune.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.bench.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawReadFloorTest {

  @TempDir Path tmp;

  /** Writes {@code size} random bytes to {@code file}; returns the size. */
  private static long write(Path file, int size) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Files.write(file, bytes);
    return size;
  }

  private Path tree() throws IOException {
    Path root = tmp.resolve("results");
    write(root.resolve("a/one.json"), 700);
    write(root.resolve("a/two.json"), 0);
    write(root.resolve("b/c/three.json"), 200_000);
    write(root.resolve("b/notes.txt"), 5_000);
    write(root.resolve("b/four.jsonl"), 123);
    for (int i = 0; i < 300; i++) {
      write(root.resolve("d/f" + i + ".json"), 10 + i);
    }
    return root;
  }

  @Test
  void readsEveryByteOfEveryJsonFileAndNothingElse() throws IOException {
    Path root = tree();
    long expected = 700 + 0 + 200_000;
    for (int i = 0; i < 300; i++) {
      expected += 10 + i;
    }
    for (String threads : new String[] {"1", "2", "5"}) {
      Tools.Result r =
          Tools.run(new RawReadFloor(), "--path", root.toString(), "--threads", threads);
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.number("files")).as("threads=" + threads).isEqualTo(303);
      assertThat(r.number("bytes")).as("threads=" + threads).isEqualTo(expected);
    }
  }

  @Test
  void readsASingleFileWholeWithOneThreadOrInRanges() throws IOException {
    Path file = tmp.resolve("big.jsonl");
    long size = write(file, 3 * RawReadFloor.BUFFER_SIZE + 7);
    for (String threads : new String[] {"1", "3", "8"}) {
      Tools.Result r =
          Tools.run(new RawReadFloor(), "--path", file.toString(), "--threads", threads);
      assertThat(r.exitCode()).isZero();
      assertThat(r.number("files")).isEqualTo(1);
      assertThat(r.number("bytes")).as("threads=" + threads).isEqualTo(size);
    }
  }

  @Test
  void missingPathIsAnInputError() {
    Tools.Result r = Tools.run(new RawReadFloor(), "--path", tmp.resolve("nope").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("not found").contains("nope");
  }

  @Test
  void zeroThreadsIsAUsageError() {
    Tools.Result r = Tools.run(new RawReadFloor(), "--path", tmp.toString(), "--threads", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--threads must be 1 or more, got 0");
  }
}
