package dev.arbtune.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command ({@code ./verify}) installs Chromium when the machine lacks it and then
 * runs the build. Run here against stand-ins for apt-get, sudo, id and mvn on a PATH that holds
 * only them, so that the real machine's Chromium and Maven are not seen and nothing is installed.
 */
class VerifyScriptTest {

  private static final Path SCRIPT = Path.of("..", "verify").toAbsolutePath().normalize();

  @TempDir Path tmp;
  private Path bin;
  private Path log;

  @BeforeEach
  void stubs() throws IOException {
    bin = Files.createDirectory(tmp.resolve("bin"));
    log = tmp.resolve("calls.log");
    Files.createFile(log);
    // dirname is the one real tool the script needs besides bash's builtins.
    Files.copy(Path.of(which("dirname")), bin.resolve("dirname"));
    stub("apt-get", "echo \"apt-get $*\" >> " + log);
    stub("mvn", "echo \"mvn $*\" >> " + log);
  }

  private static String which(String tool) {
    for (String dir : List.of("/usr/bin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return dir + "/" + tool;
      }
    }
    throw new AssertionError(tool + " not found in /usr/bin or /bin");
  }

  private void stub(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Result(int exit, String stderr, List<String> calls) {}

  private Result verify(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("/bin/bash", SCRIPT.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("PATH", bin.toString());
    Path err = tmp.resolve("stderr.txt");
    pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("verify finished").isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(err, StandardCharsets.UTF_8),
        Files.readAllLines(log, StandardCharsets.UTF_8));
  }

  @Test
  void installsChromiumThroughSudoWhenMissingThenRunsTheBuild() throws Exception {
    stub("id", "echo 1000");
    stub("sudo", "echo \"sudo $1\" >> " + log + "; \"$@\"");

    Result r = verify("-o");

    assertThat(r.exit()).isZero();
    assertThat(r.calls())
        .containsExactly(
            "sudo apt-get",
            "apt-get update -qq",
            "sudo apt-get",
            "apt-get install -y -qq chromium",
            "mvn -B verify -o");
    assertThat(r.stderr()).contains("installing Chromium");
  }

  @Test
  void installsWithoutSudoAsRoot() throws Exception {
    stub("id", "echo 0");

    Result r = verify();

    assertThat(r.exit()).isZero();
    assertThat(r.calls())
        .containsExactly("apt-get update -qq", "apt-get install -y -qq chromium", "mvn -B verify");
  }

  @Test
  void runsOnlyTheBuildWhenChromiumIsThere() throws Exception {
    stub("chromium", "exit 0");
    stub("id", "echo 1000");

    Result r = verify();

    assertThat(r.exit()).isZero();
    assertThat(r.calls()).containsExactly("mvn -B verify");
  }

  @Test
  void saysWhatToInstallWhenItCannot() throws Exception {
    Files.delete(bin.resolve("apt-get"));
    stub("id", "echo 1000");

    Result r = verify();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.calls()).isEmpty();
    assertThat(r.stderr()).contains("need Chromium").contains("no apt-get");
  }

  @Test
  void failsWhenTheInstallFails() throws Exception {
    stub("id", "echo 0");
    stub("apt-get", "echo \"apt-get $*\" >> " + log + "; exit 100");

    Result r = verify();

    assertThat(r.exit()).isNotZero();
    assertThat(r.calls()).containsExactly("apt-get update -qq");
  }
}
