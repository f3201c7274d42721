package dev.arbtune.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.plan.PlanFile;
import dev.arbtune.plan.SessionConfigException;
import dev.arbtune.plan.SessionFile;
import dev.arbtune.plan.SessionPlanner;
import dev.arbtune.run.SessionListener;
import dev.arbtune.run.SessionOptions;
import dev.arbtune.run.SessionRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

  /** The real BTC quotes shipped in the repository (tests run in the module folder). */
  private static final Path DATA_ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private Path session(String grid) throws IOException {
    return Files.writeString(
        tmp.resolve("session.yaml"),
        """
        data_file: data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv
        tag_prefix: t1
        taker_fee_a_bps: 0.5
        taker_fee_b_bps: 0.5
        grids:
          - name: min_spread_bps
            values: %s
        """
            .formatted(grid));
  }

  private Sweep.Options options(Path session, boolean fresh) {
    return new Sweep.Options(session, tmp.resolve("out"), DATA_ROOT, 2, fresh, false);
  }

  private static long resultFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void plansAndRunsIntoTheLayout() throws IOException {
    Sweep.Result r = Sweep.run(options(session("[0, 1, 2]"), false), new SessionListener() {});
    assertThat(r.plannedJobs()).isEqualTo(3);
    assertThat(r.resumed()).isFalse();
    assertThat(r.run().success()).isEqualTo(3);
    assertThat(r.layout().plan()).isRegularFile();
    assertThat(Files.readAllLines(r.layout().plan())).hasSize(3);
    assertThat(r.layout().results().resolve("t1/t1_0001.json")).isRegularFile();
    assertThat(resultFiles(r.layout().results())).isEqualTo(3);
    try (Stream<Path> s = Files.list(r.layout().root())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("jobs.jsonl", "results", "inputs.json", ".arbtune-sweep.lock");
    }
    assertThat(r.layout().inputs())
        .content()
        .contains("btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv")
        .contains("\"size\": 20174");
  }

  @Test
  void runningTheSameSessionAgainResumesAndSkipsFinishedJobs() throws IOException {
    Path session = session("[0, 1]");
    Sweep.run(options(session, false), new SessionListener() {});
    Sweep.Result again = Sweep.run(options(session, false), new SessionListener() {});
    assertThat(again.resumed()).isTrue();
    assertThat(again.run().skipped()).isEqualTo(2);
    assertThat(again.run().attempted()).isZero();
  }

  @Test
  void aDifferentSessionInTheSameRootIsRefusedUnlessFresh() throws IOException {
    Sweep.run(options(session("[0, 1]"), false), new SessionListener() {});
    Path changed = session("[0, 1, 5]");
    assertThatThrownBy(() -> Sweep.run(options(changed, false), new SessionListener() {}))
        .isInstanceOf(SweepConflictException.class)
        .hasMessageContaining("--fresh");
    assertThat(resultFiles(tmp.resolve("out/results"))).isEqualTo(2);
    Sweep.Result fresh = Sweep.run(options(changed, true), new SessionListener() {});
    assertThat(fresh.run().attempted()).isEqualTo(3);
    assertThat(resultFiles(fresh.layout().results())).isEqualTo(3);
  }

  @Test
  void anInvalidSessionWritesNothing() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), "data_file: x.csv\nmin_spred_bps: 3\n");
    assertThatThrownBy(() -> Sweep.run(options(bad, false), new SessionListener() {}))
        .isInstanceOf(SessionConfigException.class)
        .hasMessageContaining("min_spread_bps");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void anotherDataRootOrAChangedDataFileIsNotResumed() throws IOException {
    Path session = session("[0, 1]");
    Sweep.run(options(session, false), new SessionListener() {});
    Path otherRoot = Files.createDirectories(tmp.resolve("other/data"));
    Files.copy(
        DATA_ROOT.resolve("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"),
        otherRoot.resolve("btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"));
    Sweep.Options moved =
        new Sweep.Options(session, tmp.resolve("out"), tmp.resolve("other"), 2, false, false);
    assertThatThrownBy(() -> Sweep.run(moved, new SessionListener() {}))
        .isInstanceOf(SweepConflictException.class)
        .hasMessageContaining("data file");
    Sweep.Result fresh =
        Sweep.run(
            new Sweep.Options(session, tmp.resolve("out"), tmp.resolve("other"), 2, true, false),
            new SessionListener() {});
    assertThat(fresh.resumed()).isFalse();
    assertThat(fresh.run().attempted()).isEqualTo(2);
  }

  @Test
  void freshAlwaysStartsOverAndRemovesTheOldSummaryAndReport() throws IOException {
    Path session = session("[0, 1]");
    Sweep.Result first = Sweep.run(options(session, false), new SessionListener() {});
    Files.writeString(first.layout().summary(), "{}");
    Files.writeString(first.layout().report(), "<html></html>");
    Sweep.Result fresh = Sweep.run(options(session, true), new SessionListener() {});
    assertThat(fresh.resumed()).isFalse();
    assertThat(fresh.run().attempted()).isEqualTo(2);
    assertThat(fresh.layout().summary()).doesNotExist();
    assertThat(fresh.layout().report()).doesNotExist();
  }

  @Test
  void aResultsFolderNoSweepMadeIsNeverDeleted() throws IOException {
    Path foreign = Files.createDirectories(tmp.resolve("out/results"));
    Files.writeString(foreign.resolve("my_paper.json"), "{}");
    assertThatThrownBy(() -> Sweep.run(options(session("[0]"), true), new SessionListener() {}))
        .isInstanceOf(SweepConflictException.class)
        .hasMessageContaining("no sweep made");
    assertThat(foreign.resolve("my_paper.json")).exists();
  }

  @Test
  void freshNeverDeletesTheResultsOfAPlanAndARunThatNoSweepMade() throws IOException {
    Path session = session("[0, 1]");
    Path root = tmp.resolve("out");
    Path plan = root.resolve("jobs.jsonl");
    PlanFile.write(plan, new SessionPlanner(SessionFile.load(session)).streamJobs());
    SessionOptions runOptions =
        SessionOptions.builder(plan, root.resolve("results")).dataRoot(DATA_ROOT).build();
    assertThat(new SessionRunner(runOptions).run().success()).isEqualTo(2);
    Path mine = Files.writeString(root.resolve("results/t1/notes.txt"), "my notes");

    assertThatThrownBy(() -> Sweep.run(options(session, true), new SessionListener() {}))
        .isInstanceOf(SweepConflictException.class)
        .hasMessageContaining("no sweep made")
        .hasMessageContaining("inputs.json");
    assertThat(mine).hasContent("my notes");
    assertThat(root.resolve("results/t1/t1_0001.json")).isRegularFile();
    assertThat(plan).isRegularFile();
  }

  @Test
  void freshRefusesToDeleteAResultsFolderHoldingFilesTheSweepDidNotWrite() throws IOException {
    Sweep.Result first = Sweep.run(options(session("[0, 1]"), false), new SessionListener() {});
    Path results = first.layout().results();
    Path mine = Files.writeString(results.resolve("t1/best.json"), "{}");
    Path changed = session("[0, 1, 5]");

    assertThatThrownBy(() -> Sweep.run(options(changed, true), new SessionListener() {}))
        .isInstanceOf(SweepConflictException.class)
        .hasMessageContaining("--fresh")
        .hasMessageContaining(results.resolve("t1/best.json").toString())
        .hasMessageContaining("did not write");
    assertThat(mine).exists();
    assertThat(resultFiles(results)).isEqualTo(3);
    assertThat(first.layout().plan()).isRegularFile();
    assertThat(first.layout().inputs()).isRegularFile();

    Files.delete(mine);
    Files.writeString(results.resolve("t1/.arbtune-t1_0003.json.r0123456789ab.beef.tmp"), "{\"sta");
    Sweep.Result fresh = Sweep.run(options(changed, true), new SessionListener() {});
    assertThat(fresh.run().success()).isEqualTo(3);
    assertThat(resultFiles(results)).isEqualTo(3);
    try (Stream<Path> left = Files.walk(results)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("the old temporary file went with the old results")
          .noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void planningTemporaryFilesThatAKillLeftAreRemoved() throws IOException {
    Path session = session("[0]");
    Path root = Files.createDirectories(tmp.resolve("out"));
    Path planning = Files.writeString(root.resolve(".arbtune-.jobs.jsonl.new.5f3e2a.tmp"), "{");
    Path candidate = Files.writeString(root.resolve(".jobs.jsonl.new"), "{");
    Path inputs = Files.writeString(root.resolve(".arbtune-inputs.json.abc123.tmp"), "{");
    Path notOurs = Files.writeString(root.resolve(".arbtune-notes.txt.abc123.tmp"), "x");

    Sweep.run(options(session, false), new SessionListener() {});

    assertThat(planning).doesNotExist();
    assertThat(candidate).doesNotExist();
    assertThat(inputs).doesNotExist();
    assertThat(notOurs).as("not a file the sweep writes").exists();

    Files.writeString(planning, "{");
    Sweep.run(options(session, true), new SessionListener() {});
    assertThat(planning).as("--fresh too").doesNotExist();
  }

  @Test
  void twoSweepsNeverShareARoot() throws Exception {
    Path session = session("[0]");
    Path root = tmp.resolve("out");
    Files.createDirectories(root);
    try (var channel =
            java.nio.channels.FileChannel.open(
                root.resolve(".arbtune-sweep.lock"),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        var held = channel.lock()) {
      assertThatThrownBy(() -> Sweep.run(options(session, false), new SessionListener() {}))
          .isInstanceOf(SweepConflictException.class)
          .hasMessageContaining("another sweep is running");
    }
    assertThat(Sweep.run(options(session, false), new SessionListener() {}).run().success())
        .isEqualTo(1);
  }
}
