package dev.arbtune.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** The single options both {@code aggregate} commands (core and Spark) share as mixins. */
class AggregateOptionMixinsTest {

  @Command(name = "agg")
  static final class Agg {
    @Mixin ParetoOption pareto;
    @Mixin StrictOption strict;
    @Mixin MaxErrorsOption maxErrors;
  }

  @TempDir Path dir;

  private static Agg parse(String... args) {
    Agg agg = new Agg();
    new CommandLine(agg).parseArgs(args);
    return agg;
  }

  private AggregatedSummary summary(boolean withError) throws IOException {
    Docs.write(dir, "a.json", Docs.success("a", 50, 20, 10));
    if (withError) {
      Files.writeString(dir.resolve("broken.json"), "{ not json");
    }
    return TuningResultsAggregator.builder(dir).build().summarize();
  }

  @Test
  void defaultsAreOffAndAThousandErrors() {
    Agg agg = parse();
    assertThat(agg.pareto.requested()).isFalse();
    assertThat(agg.maxErrors.value()).isEqualTo(1000);
  }

  @Test
  void givenValuesAreRead() {
    Agg agg = parse("--pareto", "--strict", "--max-errors", "0");
    assertThat(agg.pareto.requested()).isTrue();
    assertThat(agg.maxErrors.value()).isZero();
  }

  @Test
  void aNegativeMaxErrorsIsAUsageErrorOfTheCommand() {
    Agg agg = parse("--max-errors", "-1");
    assertThatThrownBy(agg.maxErrors::value)
        .isInstanceOf(ParameterException.class)
        .hasMessage("--max-errors must be 0 or more, got -1");
  }

  @Test
  void strictTurnsProblemsIntoExitCodeThree() throws IOException {
    AggregatedSummary problems = summary(true);
    assertThat(problems.hasProblems()).isTrue();
    assertThat(parse("--strict").strict.exitCode(problems)).isEqualTo(ExitCodes.STRICT);
    assertThat(parse().strict.exitCode(problems)).isEqualTo(ExitCodes.OK);
  }

  @Test
  void strictWithoutProblemsIsSuccess() throws IOException {
    AggregatedSummary clean = summary(false);
    assertThat(clean.hasProblems()).isFalse();
    assertThat(parse("--strict").strict.exitCode(clean)).isEqualTo(ExitCodes.OK);
  }
}
