package dev.arbtune.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.io.InputProblem;
import dev.arbtune.plan.SessionConfigException;
import dev.arbtune.sweep.SweepConflictException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorHandlerTest {

  @Command(name = "demo")
  static final class Throwing implements Callable<Integer> {
    private final Exception toThrow;

    Throwing(Exception toThrow) {
      this.toThrow = toThrow;
    }

    @Override
    public Integer call() throws Exception {
      throw toThrow;
    }
  }

  /** A library exception of some package the front ends do not know, marked as the user's. */
  static final class LibraryProblem extends IllegalStateException implements InputProblem {
    private static final long serialVersionUID = 1L;

    LibraryProblem(String message) {
      super(message);
    }
  }

  private static String[] run(Exception e) {
    CommandLine cmd = new CommandLine(new Throwing(e));
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err, true));
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    return new String[] {String.valueOf(cmd.execute()), err.toString()};
  }

  @Test
  void anyInputProblemIsOneLineAndExitOneWithoutBeingRethrown() {
    assertThat(run(new LibraryProblem("session.yaml:3: max_jobs: must be at least 1, got 0")))
        .containsExactly(
            "1", "arbtune demo: error: session.yaml:3: max_jobs: must be at least 1, got 0\n");
  }

  @Test
  void theLibrarysUserInputExceptionsAreInputProblemsWithTheSameLineAsBeforeTheyWereRethrown() {
    String wrapped =
        run(new UserInputException(new SessionConfigException("max_jobs", "bad").getMessage()))[1];
    assertThat(run(new SessionConfigException("max_jobs", "bad"))).containsExactly("1", wrapped);
    assertThat(run(new SweepConflictException("the root holds another session")))
        .containsExactly("1", "arbtune demo: error: the root holds another session\n");
  }

  @Test
  void anExceptionThatIsNotAnInputProblemIsStillAnInternalError() {
    assertThat(run(new IllegalStateException("boom"))[0]).isEqualTo("2");
  }
}
