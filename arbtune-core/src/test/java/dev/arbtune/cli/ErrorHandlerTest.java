package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ErrorHandler;
import dev.arbtune.frontend.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorHandlerTest {

  private record Handled(int code, String err) {}

  private static Handled handle(Exception e) {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
    int code =
        new ErrorHandler().handleExecutionException(e, cmd.getSubcommands().get("aggregate"), null);
    return new Handled(code, err.toString());
  }

  @Test
  void userInputProblemsExitOneWithOneLine() {
    assertThat(handle(new UserInputException("bad session")))
        .isEqualTo(new Handled(1, "arbtune aggregate: error: bad session\n"));
    assertThat(handle(new NoSuchFileException("/x", null, "results directory not found")).err())
        .isEqualTo("arbtune aggregate: error: results directory not found: /x\n");
    assertThat(handle(new NotDirectoryException("/f")).code()).isEqualTo(1);
    Handled denied = handle(new AccessDeniedException("/locked"));
    assertThat(denied)
        .isEqualTo(new Handled(1, "arbtune aggregate: error: permission denied: /locked\n"));
  }

  @Test
  void otherFailuresExitTwoWithoutAStackTrace() {
    Handled io = handle(new IOException("cannot write out.json: disk full"));
    assertThat(io.code()).isEqualTo(2);
    assertThat(io.err())
        .isEqualTo("arbtune aggregate: I/O error: cannot write out.json: disk full\n");
    Handled bug = handle(new IllegalStateException("oops"));
    assertThat(bug.code()).isEqualTo(2);
    assertThat(bug.err())
        .contains("internal error: java.lang.IllegalStateException: oops")
        .doesNotContain("\tat ");
  }
}
