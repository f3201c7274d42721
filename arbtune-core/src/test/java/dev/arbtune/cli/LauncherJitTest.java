package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.CompilerDirectives;
import dev.arbtune.testing.ChildCli;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Executable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the {@code ./arbtune} launcher gives the commands that run backtests: the
 * compiler directives file {@code arbtune-core/src/main/jvm/c2-rows.json} (the optimising compiler
 * only for the code that loops over quote rows), which arbtune adds once started ({@link
 * CompilerDirectives}), and the compile thresholds. Checked here: the launcher passes them (run
 * with a stand-in {@code java}), the JVM takes them without a word on its output, a file it cannot
 * read only costs speed, and every pattern of the file names real code on the intended side. And
 * the launcher's static class-data-sharing archive: made silently on first use, then mapped by the
 * commands under each of the launcher's option sets (picocli's old class files included), made
 * again for a newer jar or another JDK, none left by a failed training.
 */
class LauncherJitTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path LAUNCHER = REPO.resolve("arbtune");
  private static final Path DIRECTIVES = REPO.resolve("arbtune-core/src/main/jvm/c2-rows.json");
  private static final long SOURCES_TIME = System.currentTimeMillis() - 3_600_000;
  private static final String SHARED_PICOCLI = "picocli.CommandLine source: shared objects file";

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
        .contains("-D" + CompilerDirectives.PROPERTY + "=" + DIRECTIVES, "-XX:+UseParallelGC")
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
    Path launcher = copyOfTheLauncher(root);
    Path target = root.resolve("arbtune-core/target");
    Path jar = Files.writeString(target.resolve("arbtune.jar"), "not built");
    jar.toFile().setLastModified(SOURCES_TIME + 60_000);
    Files.writeString(target.resolve("arbtune.jsa"), "archive"); // newer than the jar
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path stub = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    stub.toFile().setExecutable(true);

    String expected = String.join("\n", launcherOptions(root));
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

  @Test
  void theLauncherMakesAStaticArchiveThatEveryCommandMapsPicocliIncluded() throws Exception {
    Path root = tmp.resolve("repo");
    Path launcher = copyOfTheLauncher(root);
    Path target = root.resolve("arbtune-core/target");
    Path jar = shadedJar(target.resolve("arbtune.jar"));
    jar.toFile().setLastModified(SOURCES_TIME + 60_000);
    Path temp = Files.createDirectories(tmp.resolve("temp"));
    Path bin = Files.createDirectories(tmp.resolve("no-stand-ins")); // the java on the PATH

    Child first = launchWith(launcher, bin, Map.of("TMPDIR", temp.toString()), "--version");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("arbtune ");
    assertThat(first.err()).as("nothing said while the archive is made").isEmpty();
    Path archive = target.resolve("arbtune.jsa");
    assertThat(names(target))
        .containsExactlyInAnyOrder(
            "arbtune.jar", "arbtune.jsa", "arbtune.jsa.jdk", ".launcher.lock");
    assertThat(names(temp)).as("the training's files removed").isEmpty();
    long made = Files.getLastModifiedTime(archive).toMillis();

    // -Xshare:on: a JVM that cannot map the archive fails instead of starting without it (the
    // java on the PATH, as the launcher's)
    Path log = tmp.resolve("version.log");
    Child strict =
        started(
            new ProcessBuilder(
                "java",
                "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + log,
                "-jar",
                jar.toString(),
                "--version"));
    assertThat(strict.code()).as(strict.err()).isZero();
    assertThat(strict.out()).isEqualTo(first.out());
    assertThat(Files.readString(log))
        .contains(SHARED_PICOCLI, "dev.arbtune.cli.Main source: shared objects file");
    assertThat(Files.readAllLines(log))
        .as("picocli's classes loaded from the jar, not the archive")
        .filteredOn(l -> l.contains(" picocli.") && !l.endsWith(" source: shared objects file"))
        .isEmpty();

    // each of the launcher's option sets: C1 and the serial collector (plan), the backtests' (run,
    // the parallel collector), the serial collector (join)
    Path plan = tmp.resolve("plan.jsonl");
    for (List<String> command :
        List.of(
            List.of(
                "plan",
                "--config",
                REPO.resolve("examples/session.yaml").toString(),
                "--output",
                plan.toString()),
            List.of(
                "run",
                "--jobs",
                plan.toString(),
                "--data-root",
                REPO.toString(),
                "--output-root",
                tmp.resolve("out").toString(),
                "--quiet"),
            List.of(
                "join",
                "--venue-a",
                REPO.resolve("examples/venues/binance.csv").toString(),
                "--venue-b",
                REPO.resolve("examples/venues/bybit.csv").toString(),
                "-o",
                tmp.resolve("joined.csv").toString()))) {
      Path classes = tmp.resolve(command.get(0) + ".log");
      Child c =
          launchWith(
              launcher,
              bin,
              Map.of(
                  "TMPDIR",
                  temp.toString(),
                  "ARBTUNE_JAVA_OPTS",
                  "-Xshare:on -Xlog:class+load=info:file=" + classes),
              command.toArray(String[]::new));
      assertThat(c.code()).as(command + ": " + c.err()).isZero();
      assertThat(Files.readString(classes)).as(command.get(0)).contains(SHARED_PICOCLI);
    }
    assertThat(Files.getLastModifiedTime(archive).toMillis()).as("made once").isEqualTo(made);
  }

  @Test
  void theArchiveIsMadeAgainForANewerJarOrAnotherJdkAndAFailedTrainingLeavesNone()
      throws Exception {
    Path root = tmp.resolve("repo");
    Path launcher = copyOfTheLauncher(root);
    Path target = root.resolve("arbtune-core/target");
    Path jar = Files.writeString(target.resolve("arbtune.jar"), "not built");
    jar.toFile().setLastModified(SOURCES_TIME + 60_000);
    Path archive = target.resolve("arbtune.jsa");
    Path temp = Files.createDirectories(tmp.resolve("temp"));
    Path calls = tmp.resolve("java.calls");
    Path failing = tmp.resolve("quickstart fails");
    // a stand-in java: notes its arguments, writes the files it is asked for, fails the
    // quickstart while the file "quickstart fails" exists
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path stub =
        Files.writeString(
            bin.resolve("java"),
            String.join(
                "\n",
                "#!/bin/sh",
                "echo \"$*\" >> '" + calls + "'",
                "for a in \"$@\"; do",
                "  case \"$a\" in",
                "    -XX:SharedArchiveFile=*.tmp) echo made > \"${a#*=}\" ;;",
                "    -XX:DumpLoadedClassList=*) echo java/lang/Object > \"${a#*=}\" ;;",
                "    quickstart) [ -f '" + failing + "' ] && exit 1 ;;",
                "  esac",
                "done",
                "exit 0",
                ""));
    stub.toFile().setExecutable(true);
    Map<String, String> env = Map.of("TMPDIR", temp.toString());

    Child c = launchWith(launcher, bin, env, "plan", "--x");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out() + c.err()).isEmpty();
    List<String> made = Files.readAllLines(calls);
    String training = String.join(" ", launcherOptions(root)) + " -XX:DumpLoadedClassList=";
    assertThat(made)
        .as("trained with the backtests' options, dumped with the jar as the runs give it")
        .anyMatch(l -> l.startsWith(training))
        .anyMatch(l -> l.contains(" -jar " + jar + " quickstart --output-root "))
        .anyMatch(l -> l.startsWith("-Xshare:dump ") && l.endsWith(" -cp " + jar));
    assertThat(made.get(made.size() - 1))
        .contains(" -XX:SharedArchiveFile=" + archive + " -Xshare:auto ")
        .endsWith(" -jar " + jar + " plan --x");
    assertThat(archive).hasContent("made");
    assertThat(names(target)).doesNotContain("arbtune.jsa.tmp");
    assertThat(names(temp)).isEmpty();

    assertThat(callsOf(launcher, bin, env, calls)).as("up to date: not made again").hasSize(1);

    archive.toFile().setLastModified(SOURCES_TIME + 30_000); // older than the jar
    assertThat(callsOf(launcher, bin, env, calls)).as("a newer jar").anyMatch(dump());
    assertThat(callsOf(launcher, bin, env, calls)).hasSize(1);

    Files.writeString(target.resolve("arbtune.jsa.jdk"), "/opt/another-jdk");
    assertThat(callsOf(launcher, bin, env, calls)).as("another JDK").anyMatch(dump());
    assertThat(callsOf(launcher, bin, env, calls)).hasSize(1);

    Files.writeString(failing, "");
    archive.toFile().setLastModified(SOURCES_TIME + 30_000);
    Files.writeString(calls, "");
    Child failed = launchWith(launcher, bin, env, "plan", "--x");
    assertThat(failed.code()).as(failed.err()).isZero();
    assertThat(failed.out() + failed.err()).isEmpty();
    List<String> lines = Files.readAllLines(calls);
    assertThat(lines).noneMatch(dump());
    assertThat(lines.get(lines.size() - 1))
        .doesNotContain("SharedArchiveFile")
        .endsWith(" -jar " + jar + " plan --x");
    assertThat(names(target)).containsExactlyInAnyOrder("arbtune.jar", ".launcher.lock");
    assertThat(names(temp)).isEmpty();
  }

  /** The stand-in java's calls during one start of the launcher (with {@code plan}). */
  private List<String> callsOf(Path launcher, Path bin, Map<String, String> env, Path calls)
      throws Exception {
    Files.writeString(calls, "");
    Child c = launchWith(launcher, bin, env, "plan");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out() + c.err()).isEmpty();
    return Files.readAllLines(calls);
  }

  private static Predicate<String> dump() {
    return l -> l.startsWith("-Xshare:dump ");
  }

  /** The names in {@code folder}. */
  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }
  }

  /**
   * arbtune and its libraries in one jar at {@code jar}, as the build's shaded jar is: the test
   * class path's main classes and jars (the first entry of each name kept, no signatures).
   */
  private static Path shadedJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    manifest.getMainAttributes().putValue("Multi-Release", "true");
    Set<String> seen = new HashSet<>(Set.of(JarFile.MANIFEST_NAME));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.setLevel(Deflater.BEST_SPEED);
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path path = Path.of(entry);
        if (Files.isDirectory(path) && !path.endsWith("test-classes")) {
          try (Stream<Path> files = Files.walk(path)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
              String name = path.relativize(f).toString().replace(File.separatorChar, '/');
              addEntry(out, seen, name, Files.newInputStream(f));
            }
          }
        } else if (Files.isRegularFile(path)) {
          try (JarFile in = new JarFile(path.toFile())) {
            for (JarEntry e : Collections.list(in.entries())) {
              if (!e.isDirectory()) {
                addEntry(out, seen, e.getName(), in.getInputStream(e));
              }
            }
          }
        }
      }
    }
    return jar;
  }

  private static void addEntry(JarOutputStream out, Set<String> seen, String name, InputStream in)
      throws IOException {
    try (in) {
      boolean signature = name.startsWith("META-INF/") && name.matches(".*\\.(SF|DSA|RSA)");
      if (signature || name.endsWith("module-info.class") || !seen.add(name)) {
        return;
      }
      out.putNextEntry(new JarEntry(name));
      in.transferTo(out);
      out.closeEntry();
    }
  }

  /** Runs the launcher {@code launcher} with {@code bin} first on the PATH. */
  private Child launch(Path launcher, Path bin, String javaOpts, String... args) throws Exception {
    return launchWith(
        launcher, bin, javaOpts == null ? Map.of() : Map.of("ARBTUNE_JAVA_OPTS", javaOpts), args);
  }

  /**
   * Runs the launcher {@code launcher} with {@code bin} first on the PATH, the environment {@code
   * env} added (ARBTUNE_JAVA_OPTS only if given there).
   */
  private Child launchWith(Path launcher, Path bin, Map<String, String> env, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().remove("ARBTUNE_JAVA_OPTS");
    builder.environment().putAll(env);
    return started(builder);
  }

  /**
   * A copy of the launcher at {@code root}, in a repository layout whose build files and sources
   * are an hour old ({@link #SOURCES_TIME}); its jar is the caller's to write, newer than them.
   */
  private static Path copyOfTheLauncher(Path root) throws IOException {
    Files.createDirectories(root.resolve("arbtune-core/target"));
    Files.createDirectories(root.resolve("arbtune-core/src/main/jvm"));
    Path launcher = Files.copy(LAUNCHER, root.resolve("arbtune"));
    launcher.toFile().setExecutable(true);
    Files.copy(DIRECTIVES, root.resolve("arbtune-core/src/main/jvm/c2-rows.json"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.writeString(root.resolve("arbtune-core/pom.xml"), "<project/>");
    for (Path p :
        List.of(
            root.resolve("pom.xml"),
            root.resolve("arbtune-core/pom.xml"),
            root.resolve("arbtune-core/src/main/jvm/c2-rows.json"),
            root.resolve("arbtune-core/src/main/jvm"),
            root.resolve("arbtune-core/src/main"))) {
      p.toFile().setLastModified(SOURCES_TIME);
    }
    return launcher;
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
    // the reference engine's row loop, the fast engine's row stretches and events, their indexes,
    // the CSV and venue readers: C2
    for (String rowCode :
        List.of(
            "dev/arbtune/backtest/Backtest$Run.runEveryRow",
            "dev/arbtune/backtest/Backtest$Run.markStretch",
            "dev/arbtune/backtest/Backtest$Run.nextEvent",
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
    // what runs once per job (the fast engine's loop too: a few events a job), and everything
    // else: the quick compiler only
    for (String jobCode :
        List.of(
            "dev/arbtune/backtest/Backtest$Run.runSkipping",
            "dev/arbtune/backtest/Backtest$Run.metrics",
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

  /** {@link #launcherOptions()} as the launcher copy at {@code root} gives them. */
  private static List<String> launcherOptions(Path root) throws IOException {
    String copy = root.resolve("arbtune-core/src/main/jvm/c2-rows.json").toString();
    List<String> options = new ArrayList<>();
    for (String o : launcherOptions()) {
      options.add(o.replace(DIRECTIVES.toString(), copy));
    }
    return options;
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
