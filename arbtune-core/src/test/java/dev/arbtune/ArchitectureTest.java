package dev.arbtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import rules of {@code docs/ARCHITECTURE.md} ("Packages and what each may import") hold for
 * the main sources of every module: a {@code dev.arbtune.*} package uses another one (by an import,
 * a static import or a fully qualified name in code) only where the rules' table allows it, every
 * package has a row, every row names a package, and the rules have no cycle.
 */
class ArchitectureTest {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path DOC = REPO.resolve("docs/ARCHITECTURE.md");
  static final List<String> MODULES = List.of("arbtune-core", "arbtune-spark", "arbtune-bench");
  static final String PREFIX = "dev.arbtune.";

  private static final Pattern ROW = Pattern.compile("`([a-z][a-z0-9_.]*)`");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
  private static final Pattern USE =
      Pattern.compile("\\bdev\\.arbtune\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.(?:[A-Z]|\\*)");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  /** One use of a package by another, where it was found. */
  record Use(String from, String to, String where) {}

  @Test
  void everyUseOfAnotherArbtunePackageIsAllowedByTheRules() throws IOException {
    Map<String, Set<String>> rules = rules(Files.readString(DOC));
    List<String> violations = violations(rules, uses(sourceRoots()));
    assertThat(violations)
        .as(
            "uses that docs/ARCHITECTURE.md does not allow: remove them, or change the rules"
                + " there (and say why)")
        .isEmpty();
  }

  @Test
  void everyPackageHasARuleAndEveryRuleAPackage() throws IOException {
    Map<String, Set<String>> rules = rules(Files.readString(DOC));
    Set<String> packages = new TreeSet<>();
    for (Path root : sourceRoots()) {
      packages.addAll(packages(root));
    }
    assertThat(packages).as("packages of the main sources").isNotEmpty();
    assertThat(rules.keySet())
        .as("the rows of the import rules in docs/ARCHITECTURE.md")
        .containsExactlyInAnyOrderElementsOf(packages);
    Set<String> unknownTargets = new TreeSet<>();
    rules.values().forEach(unknownTargets::addAll);
    unknownTargets.removeAll(packages);
    assertThat(unknownTargets).as("allowed imports that name no package").isEmpty();
  }

  @Test
  void theRulesHaveNoCycle() throws IOException {
    assertThat(cycle(rules(Files.readString(DOC)))).isEmpty();
  }

  @Test
  void aForbiddenImportOrQualifiedNameIsReported(@TempDir Path tmp) throws IOException {
    Path src = tmp.resolve("src/main/java");
    write(src, "dev/arbtune/io/Files.java", "package dev.arbtune.io;\n\npublic class Files {}\n");
    write(
        src,
        "dev/arbtune/result/Doc.java",
        "package dev.arbtune.result;\n\n"
            + "import dev.arbtune.io.Files;\n"
            + "import static dev.arbtune.run.Runner.run;\n"
            + "/** See {@link dev.arbtune.cli.Main}. */\n"
            + "class Doc {\n"
            + "  String s = \"dev.arbtune.cli.Main\"; // dev.arbtune.cli.Main\n"
            + "  Object o = new dev.arbtune.report.Page();\n"
            + "}\n");
    Map<String, Set<String>> rules =
        rules(
            "<!-- import-rules -->\n| package | may import |\n| --- | --- |\n"
                + "| `io` | nothing |\n| `result` | `io` |\n<!-- /import-rules -->\n");

    List<String> violations = violations(rules, uses(List.of(src)));

    assertThat(violations).hasSize(2);
    assertThat(violations.get(0))
        .contains("Doc.java:4")
        .contains("dev.arbtune.result uses dev.arbtune.run")
        .contains("allowed: io");
    assertThat(violations.get(1))
        .contains("Doc.java:8")
        .contains("dev.arbtune.result uses dev.arbtune.report");
  }

  @Test
  void aCycleInTheRulesIsFound() {
    Map<String, Set<String>> rules = new LinkedHashMap<>();
    rules.put("a", Set.of("b"));
    rules.put("b", Set.of("c"));
    rules.put("c", Set.of("a"));
    rules.put("d", Set.of());
    assertThat(cycle(rules)).containsExactly("a", "b", "c", "a");
  }

  /** The rules' table: package (relative to {@code dev.arbtune}) to the packages it may use. */
  static Map<String, Set<String>> rules(String markdown) {
    int start = markdown.indexOf("<!-- import-rules -->");
    int end = markdown.indexOf("<!-- /import-rules -->");
    assertThat(start).as("the import-rules marker in docs/ARCHITECTURE.md").isNotNegative();
    assertThat(end).as("the closing import-rules marker").isGreaterThan(start);
    Map<String, Set<String>> rules = new LinkedHashMap<>();
    for (String line : markdown.substring(start, end).split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length < 3) {
        continue;
      }
      Matcher name = ROW.matcher(cells[1]);
      if (!name.find()) {
        continue;
      }
      Set<String> allowed = new LinkedHashSet<>();
      Matcher target = ROW.matcher(cells[2]);
      while (target.find()) {
        allowed.add(target.group(1));
      }
      assertThat(rules.put(name.group(1), allowed))
          .as("a second row for " + name.group(1))
          .isNull();
    }
    return rules;
  }

  /** One sentence per use the rules do not allow, in the order found. */
  static List<String> violations(Map<String, Set<String>> rules, List<Use> uses) {
    List<String> out = new ArrayList<>();
    for (Use use : uses) {
      String from = use.from().substring(PREFIX.length());
      String to = use.to().substring(PREFIX.length());
      Set<String> allowed = rules.get(from);
      if (allowed == null) {
        out.add(use.where() + ": " + use.from() + " has no row in the import rules");
      } else if (!allowed.contains(to)) {
        out.add(
            use.where()
                + ": "
                + use.from()
                + " uses "
                + use.to()
                + " (allowed: "
                + (allowed.isEmpty() ? "nothing" : String.join(", ", allowed))
                + ")");
      }
    }
    return out;
  }

  /** Every use of another {@code dev.arbtune} package in the Java files under {@code roots}. */
  static List<Use> uses(List<Path> roots) throws IOException {
    List<Use> out = new ArrayList<>();
    for (Path root : roots) {
      for (Path file : javaFiles(root)) {
        List<String> lines = Files.readAllLines(file);
        String pkg = packageOf(lines);
        if (pkg == null || !pkg.startsWith(PREFIX)) {
          continue;
        }
        for (int i = 0; i < lines.size(); i++) {
          String code = code(lines.get(i));
          Matcher m = USE.matcher(code);
          while (m.find()) {
            String to = PREFIX + m.group(1);
            if (!to.equals(pkg)) {
              out.add(new Use(pkg, to, REPO.relativize(file.toAbsolutePath()) + ":" + (i + 1)));
            }
          }
        }
      }
    }
    return out;
  }

  /** A line without comments and string literals ({@code ""} left in their place). */
  private static String code(String line) {
    String trimmed = line.strip();
    if (trimmed.startsWith("*") || trimmed.startsWith("/*") || trimmed.startsWith("//")) {
      return "";
    }
    if (PACKAGE.matcher(trimmed).find()) {
      return "";
    }
    String noStrings = STRING.matcher(line).replaceAll("\"\"");
    int comment = noStrings.indexOf("//");
    return comment < 0 ? noStrings : noStrings.substring(0, comment);
  }

  private static String packageOf(List<String> lines) {
    for (String line : lines) {
      Matcher m = PACKAGE.matcher(line.strip());
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  /** The packages (relative to {@code dev.arbtune}) declared under {@code root}. */
  private static Set<String> packages(Path root) throws IOException {
    Set<String> out = new TreeSet<>();
    for (Path file : javaFiles(root)) {
      String pkg = packageOf(Files.readAllLines(file));
      if (pkg != null && pkg.startsWith(PREFIX)) {
        out.add(pkg.substring(PREFIX.length()));
      }
    }
    return out;
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static List<Path> sourceRoots() {
    List<Path> roots = new ArrayList<>();
    for (String module : MODULES) {
      Path root = REPO.resolve(module).resolve("src/main/java");
      assertThat(root).as("the main sources of " + module).isDirectory();
      roots.add(root);
    }
    return roots;
  }

  /** A cycle of the rules as a path that ends where it starts, or an empty list. */
  static List<String> cycle(Map<String, Set<String>> rules) {
    Set<String> done = new LinkedHashSet<>();
    for (String start : rules.keySet()) {
      List<String> found = cycleFrom(start, rules, new ArrayDeque<>(), done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> cycleFrom(
      String node, Map<String, Set<String>> rules, Deque<String> path, Set<String> done) {
    if (path.contains(node)) {
      List<String> cycle = new ArrayList<>(path);
      cycle = new ArrayList<>(cycle.subList(cycle.indexOf(node), cycle.size()));
      cycle.add(node);
      return cycle;
    }
    if (done.contains(node)) {
      return List.of();
    }
    path.addLast(node);
    for (String next : rules.getOrDefault(node, Set.of())) {
      List<String> found = cycleFrom(next, rules, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.removeLast();
    done.add(node);
    return List.of();
  }

  private static void write(Path root, String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
