package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.CompilerDirectives;
import dev.arbtune.testing.ChildCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Executable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the {@code ./arbtune} launcher gives the commands that run backtests: the
 * compiler directives file {@code arbtune-core/src/main/jvm/c2-rows.json} (the optimising compiler
 * only for the code that loops over quote rows), which arbtune adds once started ({@link
 * CompilerDirectives}), and the compile thresholds. Checked here: the launcher passes them (run
 * with a stand-in {@code java}), the JVM takes them without a word on its output, a file it cannot
 * read only costs speed, and every pattern of the file names real code on the intended side.
 */
class LauncherJitTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path LAUNCHER = REPO.resolve("arbtune");
  private static final Path DIRECTIVES = REPO.resolve("arbtune-core/src/main/jvm/c2-rows.json");

  @TempDir Path tmp;

  /** One directive: its method patterns and whether it keeps C2 away from them. */
  record Directive(List<String> patterns, boolean c2Excluded) {}

  /** What a child process gave: exit code, stdout, stderr. */
  record Child(int code, String out, String err) {}

  @Test
  void theLauncherGivesTheBacktestCommandsTheOptionsAndTheJvmTakesTheDirectivesQuietly()
      throws Exception {
    List<String> options = launcherOptions();
    assertThat(options)
        .contains("-D" + CompilerDirectives.PROPERTY + "=" + DIRECTIVES)
        .anyMatch(o -> o.startsWith("-XX:Tier4InvocationThreshold="));

    Child quiet = java(options, Map.of(), "--version");
    assertThat(quiet.code()).as(quiet.err()).isZero();
    assertThat(quiet.out()).startsWith("arbtune ");
    assertThat(quiet.err()).isEmpty();

    Child debug = java(options, Map.of("ARBTUNE_DEBUG", "1"), "--version");
    assertThat(debug.code()).as(debug.err()).isZero();
    assertThat(debug.out()).isEqualTo(quiet.out());
    assertThat(debug.err().strip())
        .isEqualTo(
            "arbtune: compiler directives: " + directives().size() + " compiler directives added");
  }

  @Test
  void aDirectivesFileInAFolderWithASpaceIsRead() throws Exception {
    Path copy = Files.createDirectories(tmp.resolve("a b")).resolve("c2 rows.json");
    Files.copy(DIRECTIVES, copy);
    Child c = java(withProperty(copy.toString()), Map.of("ARBTUNE_DEBUG", "1"), "--version");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.err()).contains(directives().size() + " compiler directives added");
  }

  @Test
  void aMissingOrBrokenDirectivesFileOrClosedJdkClassesOnlyCostSpeed() throws Exception {
    Path broken = Files.writeString(tmp.resolve("broken.json"), "[ { match: ");
    for (String file : List.of(tmp.resolve("missing.json").toString(), broken.toString())) {
      Child c = java(withProperty(file), Map.of("ARBTUNE_DEBUG", "1"), "--version");
      assertThat(c.code()).as(c.err()).isZero();
      assertThat(c.out()).startsWith("arbtune ");
      assertThat(c.err())
          .contains("arbtune: compiler directives: ")
          .contains("Could not load file");
      Child q = java(withProperty(file), Map.of(), "--version");
      assertThat(q.code()).isZero();
      assertThat(q.err()).isEmpty();
    }
    List<String> closed = new ArrayList<>(launcherOptions());
    closed.removeIf(o -> o.startsWith("--add-opens"));
    Child c = java(closed, Map.of("ARBTUNE_DEBUG", "1"), "--version");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.err()).contains("arbtune: compiler directives: not added (");
  }

  @Test
  void withoutThePropertyNothingIsAdded() {
    assertThat(System.getProperty(CompilerDirectives.PROPERTY)).isNull();
    assertThat(CompilerDirectives.addFromProperty()).isNull();
  }

  @Test
  void theLauncherPassesTheOptionsToTheBacktestCommandsOnly() throws Exception {
    Path root = tmp.resolve("repo");
    Path target = Files.createDirectories(root.resolve("arbtune-core/target"));
    Files.createDirectories(root.resolve("arbtune-core/src/main/jvm"));
    Path launcher = Files.copy(LAUNCHER, root.resolve("arbtune"));
    launcher.toFile().setExecutable(true);
    Files.copy(DIRECTIVES, root.resolve("arbtune-core/src/main/jvm/c2-rows.json"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.writeString(root.resolve("arbtune-core/pom.xml"), "<project/>");
    long old = System.currentTimeMillis() - 3_600_000;
    for (Path p :
        List.of(
            root.resolve("pom.xml"),
            root.resolve("arbtune-core/pom.xml"),
            root.resolve("arbtune-core/src/main/jvm/c2-rows.json"),
            root.resolve("arbtune-core/src/main/jvm"),
            root.resolve("arbtune-core/src/main"))) {
      p.toFile().setLastModified(old);
    }
    Path jar = Files.writeString(target.resolve("arbtune.jar"), "not built");
    jar.toFile().setLastModified(old + 60_000);
    Files.writeString(target.resolve("arbtune.jsa"), "archive"); // newer than the jar
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path stub = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    stub.toFile().setExecutable(true);

    String expected =
        String.join("\n", launcherOptions())
            .replace(
                DIRECTIVES.toString(),
                root.resolve("arbtune-core/src/main/jvm/c2-rows.json").toString());
    for (String command :
        List.of("run", "sweep", "backtest", "walkforward", "show", "quickstart")) {
      Child c = launch(launcher, bin, null, command, "--x");
      assertThat(c.code()).as(c.err()).isZero();
      assertThat(c.out())
          .as(command)
          .startsWith(expected + "\n")
          .contains("\n" + command + "\n--x\n");
    }
    for (String command : List.of("aggregate", "join", "plan", "--version")) {
      Child c = launch(launcher, bin, null, command);
      assertThat(c.out()).as(command).doesNotContain(CompilerDirectives.PROPERTY);
    }
    Child own = launch(launcher, bin, "-Xmx1g -Dx=y", "run");
    assertThat(own.out()).startsWith(expected + "\n").contains("\n-Xmx1g\n-Dx=y\n-jar\n");
    StringWriter sink = new StringWriter();
    PrintWriter w = new PrintWriter(sink);
    assertThat(Main.commandLine(w, w).getSubcommands().keySet())
        .contains("run", "sweep", "backtest", "walkforward", "show", "quickstart");
  }

  /** Runs the launcher {@code launcher} with {@code bin} first on the PATH. */
  private Child launch(Path launcher, Path bin, String javaOpts, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().remove("ARBTUNE_JAVA_OPTS");
    if (javaOpts != null) {
      builder.environment().put("ARBTUNE_JAVA_OPTS", javaOpts);
    }
    return started(builder);
  }

  private static List<String> withProperty(String file) throws IOException {
    List<String> options = new ArrayList<>();
    for (String o : launcherOptions()) {
      options.add(
          o.startsWith("-D" + CompilerDirectives.PROPERTY + "=")
              ? "-D" + CompilerDirectives.PROPERTY + "=" + file
              : o);
    }
    return options;
  }

  @Test
  void aBacktestRunsUnderTheLaunchersOptions() throws Exception {
    List<String> options = new ArrayList<>(launcherOptions());
    Child c =
        java(
            options,
            Map.of(),
            "backtest",
            "--data-file",
            REPO.resolve("data/eurusd_sample.csv").toString(),
            "--output-json",
            tmp.resolve("r.json").toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(Files.readString(tmp.resolve("r.json"))).contains("\"status\": \"success\"");
  }

  @Test
  void everyPatternOfTheDirectivesNamesCodeThatExists() throws Exception {
    List<Directive> directives = directives();
    assertThat(directives).isNotEmpty();
    for (Directive d : directives) {
      d.patterns().stream().filter(p -> !p.equals("*.*")).forEach(LauncherJitTest::requireCode);
    }
  }

  @Test
  void onlyTheCodeThatLoopsOverRowsGoesToTheOptimisingCompiler() throws Exception {
    List<Directive> directives = directives();
    // the fast and the reference engine, their indexes, the CSV and venue readers: C2
    for (String rowCode :
        List.of(
            "dev/arbtune/backtest/Backtest$Run.run",
            "dev/arbtune/backtest/Backtest$Run.markStretch",
            "dev/arbtune/backtest/FlatIndex.next",
            "dev/arbtune/backtest/HoldIndex.<init>",
            "dev/arbtune/backtest/EquityRecorder$Replay.run",
            "dev/arbtune/backtest/QuotesLoader$Parser.readRow",
            "dev/arbtune/backtest/CsvScanner.nextField",
            "dev/arbtune/backtest/PeriodPnl$Collector.accept",
            "dev/arbtune/join/JoinEngine.run")) {
      requireCode(rowCode);
      assertThat(c2Excluded(directives, rowCode)).as(rowCode).isFalse();
    }
    // what runs once per job, and everything else: the quick compiler only
    for (String jobCode :
        List.of(
            "dev/arbtune/backtest/BacktestConfig.fromMap",
            "dev/arbtune/backtest/BacktestMetrics.round",
            "dev/arbtune/backtest/PeriodPnl.toMap",
            "dev/arbtune/backtest/PeriodPnl$Collector.finish",
            "dev/arbtune/backtest/QuotesCache.get",
            "dev/arbtune/run/JobDocument.run",
            "dev/arbtune/result/PlainDocumentWriter.success",
            "com/fasterxml/jackson/core/json/ReaderBasedJsonParser.nextToken",
            "java/lang/String.hashCode")) {
      requireCode(jobCode);
      assertThat(c2Excluded(directives, jobCode)).as(jobCode).isTrue();
    }
  }

  /** The tokens of the launcher's {@code rows_jit=(...)} line, {@code "$rows_c2"} filled in. */
  private static List<String> launcherOptions() throws IOException {
    String launcher = Files.readString(LAUNCHER, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("(?m)^rows_jit=\\((.*)\\)$").matcher(launcher);
    assertThat(m.find()).as("the launcher's rows_jit line").isTrue();
    List<String> options = new ArrayList<>();
    for (String token : m.group(1).trim().split("\\s+")) {
      options.add(token.replace("\"$rows_c2\"", DIRECTIVES.toString()));
    }
    assertThat(options)
        .allMatch(o -> o.startsWith("-XX:") || o.startsWith("-D") || o.startsWith("--add-opens="))
        .noneMatch(o -> o.contains("$") || o.contains("\""));
    return options;
  }

  /** The directives of c2-rows.json, in order (the JVM takes the first whose pattern matches). */
  private static List<Directive> directives() throws IOException {
    String text = Files.readString(DIRECTIVES, StandardCharsets.UTF_8);
    List<Directive> out = new ArrayList<>();
    Matcher block =
        Pattern.compile(
                "match:\\s*(\\[[^\\]]*\\]|\"[^\"]*\")\\s*,\\s*c2:\\s*\\{\\s*Exclude:\\s*(true|false)\\s*\\}")
            .matcher(text);
    while (block.find()) {
      List<String> patterns = new ArrayList<>();
      Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(block.group(1));
      while (quoted.find()) {
        patterns.add(quoted.group(1));
      }
      out.add(new Directive(patterns, Boolean.parseBoolean(block.group(2))));
    }
    assertThat(text.split("match:", -1)).as("every directive parsed").hasSize(out.size() + 1);
    return out;
  }

  /** Whether the first directive matching {@code method} ({@code pkg/Class.name}) excludes C2. */
  private static boolean c2Excluded(List<Directive> directives, String method) {
    for (Directive d : directives) {
      for (String pattern : d.patterns()) {
        if (glob(pattern).matcher(method).matches()) {
          return d.c2Excluded();
        }
      }
    }
    return false; // no directive: the JVM's default, C2 allowed
  }

  private static Pattern glob(String pattern) {
    return Pattern.compile(
        Arrays.stream(pattern.split("\\*", -1))
            .map(Pattern::quote)
            .collect(Collectors.joining(".*")));
  }

  /**
   * Fails unless {@code pattern} ({@code pkg/Class.method}, {@code pkg/Class.*} or {@code pkg/*.*})
   * names code of arbtune's or its libraries' classes.
   */
  private static void requireCode(String pattern) {
    int dot = pattern.lastIndexOf('.');
    String type = pattern.substring(0, dot).replace('/', '.');
    String method = pattern.substring(dot + 1);
    if (type.endsWith(".*")) {
      Path dir = Path.of("target/classes", type.substring(0, type.length() - 2).split("\\."));
      assertThat(dir.resolve("package-info.class")).as("the package of %s", pattern).exists();
      return;
    }
    Class<?> c;
    try {
      c = Class.forName(type, false, LauncherJitTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(pattern + " names no class", e);
    }
    if (!method.equals("*")) {
      assertThat(
              Stream.concat(
                  Arrays.stream(c.getDeclaredMethods()).map(Executable::getName),
                  Arrays.stream(c.getDeclaredConstructors()).map(x -> "<init>")))
          .as("methods of %s", type)
          .contains(method);
    }
  }

  private Child java(List<String> jvm, Map<String, String> env, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(ChildCli.command(jvm, args));
    builder.environment().remove("ARBTUNE_DEBUG");
    builder.environment().putAll(env);
    return started(builder);
  }

  private Child started(ProcessBuilder builder) throws Exception {
    Path out = Files.createTempFile(tmp, "child", ".out");
    Path err = Files.createTempFile(tmp, "child", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the child finished").isTrue();
    return new Child(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
