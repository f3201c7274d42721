package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's shell examples run in order as written, from the repository root: every file or
 * folder an example reads ({@code --jobs}, {@code --results-dir}, {@code --config}, {@code
 * --data-file}) is in the repository or was written by an example above it ({@code --output},
 * {@code --output-root}, {@code --output-json}, ...). Paths on a cluster ({@code hdfs://}) are not
 * checked.
 */
class ReadmeExamplesTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern BLOCK = Pattern.compile("(?s)```bash\n(.*?)```");
  private static final Pattern OPTION = Pattern.compile("(--[a-z-]+)[ =]('[^']*'|\\S+)");
  private static final Set<String> INPUTS =
      Set.of("--jobs", "--results-dir", "--config", "--data-file", "--venue-a", "--venue-b");
  private static final Set<String> OUTPUTS =
      Set.of(
          "--output",
          "--output-root",
          "--output-json",
          "--output-csv",
          "--trades-csv",
          "--output-dir");

  @Test
  void everyInputOfAnExampleExistsOrWasWrittenAbove() throws IOException {
    String readme = Files.readString(REPO.resolve("README.md"));
    List<String> written = new ArrayList<>(List.of("arbtune-quickstart")); // ./arbtune quickstart
    Set<String> missing = new LinkedHashSet<>();
    Matcher block = BLOCK.matcher(readme);
    while (block.find()) {
      for (String command : block.group(1).replace("\\\n", " ").split("\n")) {
        String code = command.replaceAll("\\s#.*$", "");
        Matcher option = OPTION.matcher(code);
        while (option.find()) {
          String name = option.group(1);
          String path = option.group(2).replace("'", "");
          if (path.contains("://") || path.equals("-") || path.startsWith("/dev/")) {
            continue;
          }
          if (OUTPUTS.contains(name)) {
            written.add(path);
          } else if (INPUTS.contains(name)
              && !Files.exists(REPO.resolve(path))
              && written.stream().noneMatch(w -> path.equals(w) || path.startsWith(w + "/"))) {
            missing.add(name + " " + path + " in: " + code.strip());
          }
        }
      }
    }
    assertThat(written).as("the examples were found").contains("out/jobs.jsonl");
    assertThat(missing).as("inputs that neither exist nor were written above").isEmpty();
  }
}
