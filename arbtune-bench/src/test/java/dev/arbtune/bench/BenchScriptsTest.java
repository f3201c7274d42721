package dev.arbtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts under {@code bench/} must run on a fresh clone, where ~/.m2 lacks JMH, Spark and
 * plugins: they build through {@code bench/build.sh}, which builds offline first and online when
 * offline Maven lacks an artifact. Checked against a stand-in for mvn first on the PATH.
 */
class BenchScriptsTest {

  private static final Path BENCH = Path.of("..", "bench").toAbsolutePath().normalize();
  private static final Pattern MAVEN_CALL = Pattern.compile("(^|[\\s;(&|{])mvn\\s");

  @TempDir Path tmp;
  private Path bin;
  private Path log;

  @BeforeEach
  void stubs() throws IOException {
    bin = Files.createDirectory(tmp.resolve("bin"));
    log = Files.createFile(tmp.resolve("calls.log"));
  }

  @Test
  void noScriptRunsMavenItselfOnlyThroughBuildSh() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.list(BENCH)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        if (f.getFileName().toString().equals("build.sh")) {
          continue;
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String code = lines.get(i).strip();
          if (!code.startsWith("#") && MAVEN_CALL.matcher(code).find()) {
            offenders.add(f.getFileName() + ":" + (i + 1) + ": " + code);
          }
        }
      }
    }
    assertThat(offenders).as("bench scripts that call mvn instead of bench/build.sh").isEmpty();
  }

  @Test
  void buildsOnlineWhenOfflineMavenLacksAnArtifact() throws Exception {
    mavenStub(
        "if [[ \" $* \" == *' -o '* ]]; then"
            + " echo '[ERROR] Cannot access central (https://repo.maven.apache.org/maven2) in"
            + " offline mode and the artifact org.openjdk.jmh:jmh-core:jar:1.37 has not been"
            + " downloaded from it before.'; exit 1; fi");

    Result r = build("-DskipTests", "-pl", "arbtune-bench", "-am", "package");

    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.calls())
        .containsExactly(
            "-B -q -o -Dstyle.color=never -DskipTests -pl arbtune-bench -am package",
            "-B -q -Dstyle.color=never -DskipTests -pl arbtune-bench -am package");
    assertThat(r.stderr()).contains("building online");
  }

  @Test
  void staysOfflineWhenTheArtifactsAreThere() throws Exception {
    mavenStub("exit 0");

    Result r = build("-DskipTests", "package");

    assertThat(r.exit()).isZero();
    assertThat(r.calls()).containsExactly("-B -q -o -Dstyle.color=never -DskipTests package");
  }

  @Test
  void reportsAnotherFailureOnceWithoutGoingOnline() throws Exception {
    mavenStub("echo '[ERROR] Foo.java:[3,1] class, interface, enum, or record expected'; exit 1");

    Result r = build("-DskipTests", "package");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.calls()).hasSize(1);
    assertThat(r.stderr()).contains("Foo.java:[3,1]").contains("the build failed");
  }

  private void mavenStub(String body) throws IOException {
    Path file = bin.resolve("mvn");
    Files.writeString(file, "#!/bin/bash\necho \"$*\" >> " + log + "\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Result(int exit, String stderr, List<String> calls) {}

  private Result build(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/bin/bash", BENCH.resolve("build.sh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    Path err = tmp.resolve("stderr.txt");
    pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("build.sh finished").isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(err, StandardCharsets.UTF_8),
        Files.readAllLines(log, StandardCharsets.UTF_8));
  }
}
