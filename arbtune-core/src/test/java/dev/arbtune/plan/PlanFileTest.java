package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {

  @TempDir Path dir;

  private static List<JobPlan> sixJobs() {
    return new SessionPlanner(
            SessionFile.parse(
                "data_file: q.csv\ntag_prefix: t\ngrids:\n"
                    + "  - name: min_spread_bps\n    values: [1, 2]\n"
                    + "  - name: slippage_bps\n    values: [0, 1, 2]\n",
                "s.yaml"))
        .generateJobs();
  }

  @Test
  void writesOneJsonLinePerJobEachEndingInANewline() throws IOException {
    List<JobPlan> jobs = sixJobs();
    Path target = dir.resolve("sub/folder/jobs.jsonl");
    long n = PlanFile.write(target, jobs.stream());
    assertThat(n).isEqualTo(6);
    String text = Files.readString(target);
    assertThat(text).endsWith("\n");
    assertThat(text.split("\n", -1)).hasSize(7);
    assertThat(Files.readAllLines(target))
        .containsExactlyElementsOf(jobs.stream().map(JobPlan::toJsonLine).toList());
  }

  @Test
  void anEmptyStreamWritesAnEmptyFile() throws IOException {
    Path target = dir.resolve("empty.jsonl");
    assertThat(PlanFile.write(target, Stream.empty())).isZero();
    assertThat(Files.size(target)).isZero();
  }

  @Test
  void aFailurePartWayLeavesTheExistingFileUnchangedAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("jobs.jsonl");
    Files.writeString(target, "old plan\n");
    List<JobPlan> jobs = sixJobs();
    Stream<JobPlan> failing =
        Stream.concat(
            jobs.stream().limit(3),
            Stream.of(0)
                .map(
                    x -> {
                      throw new SessionConfigException("grids", "boom");
                    }));
    assertThatThrownBy(() -> PlanFile.write(target, failing))
        .isInstanceOf(SessionConfigException.class);
    assertThat(Files.readString(target)).isEqualTo("old plan\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
