package dev.arbtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document that the repository's docs, sources, scripts and examples cite by name ({@code
 * docs/MODEL.md}, {@code README.md}, {@code ARCHITECTURE.md}: an upper-case file name ending in
 * {@code .md}) exists, relative to the repository's root or to the citing file's folder; and every
 * {@code #anchor} after it (or alone, in a Markdown link) names a heading of that document.
 */
class DocReferencesTest {

  private static final Path REPO = ArchitectureTest.REPO;

  /** Where citations are looked for; {@code target} folders are skipped. */
  private static final List<String> TREES =
      List.of(
          "docs",
          "examples",
          "data",
          "bench",
          "arbtune-core/src",
          "arbtune-spark/src",
          "arbtune-bench/src");

  private static final Set<String> TEXT_TYPES =
      Set.of(".java", ".md", ".yaml", ".yml", ".sh", ".xml", ".properties", ".txt");

  private static final Pattern CITATION =
      Pattern.compile("(?<![\\w./-])((?:[\\w.-]+/)*[A-Z][A-Z0-9_]*\\.md)(#[\\w-]+)?");
  private static final Pattern LOCAL_ANCHOR = Pattern.compile("\\]\\((#[\\w-]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.*?)\\s*$");

  @Test
  void everyCitedDocumentAndAnchorExists() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> root = Files.list(REPO)) {
      root.filter(p -> p.toString().endsWith(".md") || p.endsWith("pom.xml")).forEach(files::add);
    }
    for (String module : ArchitectureTest.MODULES) {
      files.add(REPO.resolve(module).resolve("pom.xml"));
    }
    for (String tree : TREES) {
      files.addAll(textFiles(REPO.resolve(tree)));
    }
    assertThat(files).as("files searched for citations").hasSizeGreaterThan(100);

    List<String> broken = new ArrayList<>();
    for (Path file : files) {
      broken.addAll(brokenCitations(file));
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void aMissingDocumentOrAnchorIsReported(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(tmp.resolve("docs/MODEL.md"), "# Model\n\n## Equity and drawdown\n");
    Path source = tmp.resolve("Some.java");
    Files.writeString(
        source,
        "/** See {@code ARCHITECTURE.md}, docs/MODEL.md, docs/MODEL.md#equity-and-drawdown,\n"
            + " * docs/MODEL.md#equity, and summary.md. */\n");
    Path readme = tmp.resolve("README.md");
    Files.writeString(readme, "# Top\n\n## Output paths\n\n[a](#output-paths) [b](#exit-codes)\n");

    assertThat(brokenCitations(source, tmp))
        .containsExactly(
            "Some.java:1: ARCHITECTURE.md does not exist",
            "Some.java:2: docs/MODEL.md#equity names no heading of docs/MODEL.md");
    assertThat(brokenCitations(readme, tmp))
        .containsExactly("README.md:5: #exit-codes names no heading of README.md");
  }

  private static List<String> brokenCitations(Path file) throws IOException {
    return brokenCitations(file, REPO);
  }

  /** One sentence per citation in {@code file} that does not resolve. */
  static List<String> brokenCitations(Path file, Path repo) throws IOException {
    List<String> broken = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    String where = repo.relativize(file.toAbsolutePath().normalize()).toString();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m = CITATION.matcher(line);
      while (m.find()) {
        String name = m.group(1);
        Path target = resolve(repo, file, name);
        if (target == null) {
          broken.add(where + ":" + (i + 1) + ": " + name + " does not exist");
        } else if (m.group(2) != null && !anchors(target).contains(m.group(2).substring(1))) {
          broken.add(
              where + ":" + (i + 1) + ": " + name + m.group(2) + " names no heading of " + name);
        }
      }
      if (file.toString().endsWith(".md")) {
        Matcher local = LOCAL_ANCHOR.matcher(line);
        while (local.find()) {
          if (!anchors(file).contains(local.group(1).substring(1))) {
            broken.add(
                where
                    + ":"
                    + (i + 1)
                    + ": "
                    + local.group(1)
                    + " names no heading of "
                    + file.getFileName());
          }
        }
      }
    }
    return broken;
  }

  private static Path resolve(Path repo, Path file, String name) {
    for (Path base : List.of(repo, file.toAbsolutePath().getParent())) {
      Path candidate = base.resolve(name).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The anchors GitHub makes of a Markdown document's headings. */
  static Set<String> anchors(Path markdown) throws IOException {
    Set<String> out = new HashSet<>();
    Matcher m = HEADING.matcher(Files.readString(markdown));
    while (m.find()) {
      out.add(
          m.group(1)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-'));
    }
    return out;
  }

  private static List<Path> textFiles(Path tree) throws IOException {
    if (!Files.isDirectory(tree)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(tree)) {
      return files
          .filter(p -> !p.toString().contains("/target/"))
          .filter(p -> !p.endsWith("DocReferencesTest.java")) // its examples cite missing files
          .filter(Files::isRegularFile)
          .filter(p -> TEXT_TYPES.stream().anyMatch(t -> p.toString().endsWith(t)))
          .filter(p -> p.toFile().length() < 1_000_000)
          .sorted()
          .toList();
    }
  }
}
