package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.ChildCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output pipe whose reader went away ({@code arbtune ... | head}): the command stops, prints
 * nothing more, does not claim a whole write, and exits with 141 whichever way it writes stdout.
 * Run as real processes whose stdout is a pipe that this test closes before they write.
 */
class PipeClosedTest {

  private static final Path SESSION = Path.of("..", "examples", "session.yaml");
  private static final Path RESULTS = Path.of("..", "examples", "sess001");

  @TempDir Path dir;

  private record Exit(int code, String stderr) {}

  /** Runs the CLI with its stdout a pipe nobody reads: closed at once, before the JVM is up. */
  private Exit withClosedStdout(String... args) throws Exception {
    List<String> cmd = ChildCli.command(args);
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    p.getInputStream().close();
    p.getOutputStream().close();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Exit(p.exitValue(), Files.readString(err));
  }

  @Test
  void planToStdoutStopsQuietlyWith141() throws Exception {
    Exit e = withClosedStdout("plan", "--config", SESSION.toString(), "--output", "-");

    assertThat(e.code()).isEqualTo(141);
    assertThat(e.stderr()).isEmpty();
  }

  @Test
  void planToDevStdoutStopsQuietlyWith141() throws Exception {
    Exit e = withClosedStdout("plan", "--config", SESSION.toString(), "--output", "/dev/stdout");

    assertThat(e.code()).isEqualTo(141);
    assertThat(e.stderr()).isEmpty();
  }

  @Test
  void aggregateTextStopsQuietlyWith141() throws Exception {
    Exit e = withClosedStdout("aggregate", "--results-dir", RESULTS.toString(), "-q");

    assertThat(e.code()).isEqualTo(141);
    assertThat(e.stderr()).isEmpty();
  }

  @Test
  void aggregateWithItsOutputReadToTheEndExitsAsUsual() throws Exception {
    Path out = dir.resolve("out.txt");
    List<String> cmd = ChildCli.command("aggregate", "--results-dir", RESULTS.toString(), "-q");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();

    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(out)).contains("TUNING SESSION SUMMARY");
  }

  @Test
  void aFailedStdoutThatIsNoPipeIsAnErrorAndAFailedCommandKeepsItsCode() {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);

    assertThat(Main.checkStdout(ExitCodes.OK, true, true, err)).isEqualTo(141);
    assertThat(Main.checkStdout(ExitCodes.STRICT, true, true, err)).isEqualTo(141);
    assertThat(Main.checkStdout(ExitCodes.INPUT, true, true, err)).isEqualTo(ExitCodes.INPUT);
    assertThat(Main.checkStdout(ExitCodes.OK, false, true, err)).isZero();
    assertThat(text.toString()).isEmpty();

    assertThat(Main.checkStdout(ExitCodes.OK, true, false, err)).isEqualTo(2);
    assertThat(text.toString()).contains("stdout could not be written whole");
  }

  @Test
  void devStdoutRedirectedToAFileWithStderrKeepsEveryLineWhole() throws Exception {
    // `arbtune plan --output /dev/stdout > log 2>&1`: opened anew, /dev/stdout would be written
    // from the file's start while the shell's descriptor stays put, and the stderr line after it
    // would overwrite the first plan line
    Path log = dir.resolve("log");
    Process p =
        new ProcessBuilder(
                ChildCli.command("plan", "--config", SESSION.toString(), "--output", "/dev/stdout"))
            .redirectOutput(log.toFile())
            .redirectErrorStream(true)
            .start();

    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(13);
    assertThat(lines.subList(0, 12)).allMatch(l -> l.startsWith("{\"job_id\":\"btc001_00"));
    assertThat(lines.get(12)).isEqualTo("arbtune plan: wrote 12 jobs to stdout");
  }
}
