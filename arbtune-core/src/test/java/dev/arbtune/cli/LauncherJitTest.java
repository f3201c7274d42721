package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * only for the code that loops over quote rows) and the compile thresholds. A directives file the
 * JVM cannot read stops every such command before it starts, and a pattern that no longer names a
 * class silently sends the engine back to the quick compiler: both are checked here.
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
  void theLauncherGivesTheBacktestCommandsTheOptionsAndTheyStartAQuietJvm() throws Exception {
    List<String> options = launcherOptions();
    assertThat(options)
        .contains("-XX:CompilerDirectivesFile=" + DIRECTIVES)
        .anyMatch(o -> o.startsWith("-XX:Tier4InvocationThreshold="));
    String launcher = Files.readString(LAUNCHER, StandardCharsets.UTF_8);
    Matcher commands =
        Pattern.compile("(?m)^\\s*([a-z|]+)\\) \\[ -f \"\\$rows_c2\" \\]").matcher(launcher);
    assertThat(commands.find()).as("the launcher's case line for rows_jit").isTrue();
    StringWriter sink = new StringWriter();
    PrintWriter w = new PrintWriter(sink);
    assertThat(Main.commandLine(w, w).getSubcommands().keySet())
        .containsAll(Arrays.asList(commands.group(1).split("\\|")));
    assertThat(commands.group(1).split("\\|"))
        .contains("run", "sweep", "backtest", "walkforward", "show", "quickstart");

    List<String> quiet = new ArrayList<>(options);
    quiet.add("-XX:-DisplayVMOutput");
    Child c = java(quiet, "--version");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).startsWith("arbtune ");
    assertThat(c.err()).isEmpty();

    List<String> loud = new ArrayList<>(options);
    loud.add("-XX:+DisplayVMOutputToStderr");
    Child d = java(loud, "--version");
    assertThat(d.code()).as(d.err()).isZero();
    assertThat(d.out()).isEqualTo(c.out());
    assertThat(d.err().strip()).isEqualTo(directives().size() + " compiler directives added");
  }

  @Test
  void aBacktestRunsUnderTheLaunchersOptions() throws Exception {
    List<String> options = new ArrayList<>(launcherOptions());
    options.add("-XX:-DisplayVMOutput");
    Child c =
        java(
            options,
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
    assertThat(options).allMatch(o -> o.startsWith("-XX:") && !o.contains("$"));
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

  private Child java(List<String> jvm, String... args) throws Exception {
    Path out = tmp.resolve("child.out");
    Path err = tmp.resolve("child.err");
    Process process =
        new ProcessBuilder(ChildCli.command(jvm, args))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the child finished").isTrue();
    return new Child(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
