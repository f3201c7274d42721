package dev.arbtune.sweep;

import dev.arbtune.plan.PlanFile;
import dev.arbtune.plan.SessionFile;
import dev.arbtune.plan.SessionPlanner;
import dev.arbtune.run.SessionListener;
import dev.arbtune.run.SessionOptions;
import dev.arbtune.run.SessionRunner;
import dev.arbtune.run.SessionSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Plans a session file and runs every job into a {@link SweepLayout}. Running the same session
 * again resumes it: jobs whose result is already a success document are skipped, so an interrupted
 * sweep finishes where it stopped and a finished one costs nothing.
 *
 * <pre>{@code
 * Sweep.Result r = Sweep.run(new Sweep.Options(Path.of("session.yaml"), Path.of("out")), listener);
 * TuningResultsAggregator.of(r.layout().results()).summarize();
 * }</pre>
 */
public final class Sweep {

  /**
   * What to sweep and how.
   *
   * @param sessionFile the session file (YAML)
   * @param outputRoot where the plan, results and summary go (created if needed)
   * @param dataRoot against which a relative {@code data_file} is resolved
   * @param parallelism jobs run at once
   * @param fresh start over: delete the plan and the results a previous sweep left in the root
   * @param durable force every result document to disk before renaming it into place
   */
  public record Options(
      Path sessionFile,
      Path outputRoot,
      Path dataRoot,
      int parallelism,
      boolean fresh,
      boolean durable) {

    public Options {
      Objects.requireNonNull(sessionFile, "sessionFile");
      Objects.requireNonNull(outputRoot, "outputRoot");
      Objects.requireNonNull(dataRoot, "dataRoot");
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
      }
    }

    /** Defaults: data paths relative to the working folder, all processors, resume, durable. */
    public Options(Path sessionFile, Path outputRoot) {
      this(sessionFile, outputRoot, Path.of(""), SessionOptions.defaultParallelism(), false, true);
    }
  }

  /**
   * What a sweep did.
   *
   * @param layout where everything is
   * @param plannedJobs jobs in the plan
   * @param resumed whether an earlier sweep of the same plan was found and continued
   * @param run what the runner did (skipped = already done by an earlier sweep)
   */
  public record Result(SweepLayout layout, long plannedJobs, boolean resumed, SessionSummary run) {}

  private Sweep() {}

  /**
   * Plans and runs.
   *
   * @throws dev.arbtune.plan.SessionConfigException when the session file is invalid (nothing is
   *     written)
   * @throws SweepConflictException when the root holds another session's plan and {@code fresh} is
   *     not set
   * @throws IOException when the session file cannot be read or the root cannot be written
   */
  public static Result run(Options options, SessionListener listener) throws IOException {
    SessionPlanner planner = new SessionPlanner(SessionFile.load(options.sessionFile()));
    SweepLayout layout = new SweepLayout(options.outputRoot());
    Files.createDirectories(layout.root());
    Path candidate = layout.root().resolve(".jobs.jsonl.new");
    boolean resumed;
    try {
      PlanFile.write(candidate, planner.streamJobs());
      boolean samePlan =
          Files.isRegularFile(layout.plan()) && Files.mismatch(candidate, layout.plan()) == -1;
      boolean leftovers = Files.exists(layout.plan()) || Files.exists(layout.results());
      if (leftovers && !samePlan) {
        if (!options.fresh()) {
          throw new SweepConflictException(
              layout.root()
                  + " holds the plan or results of a different session (the session file"
                  + " changed?); give --fresh to delete them and start over, or use another"
                  + " output folder");
        }
        deleteTree(layout.results());
        Files.deleteIfExists(layout.plan());
      }
      resumed = samePlan;
      Files.move(candidate, layout.plan(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(candidate);
    }
    SessionOptions runOptions =
        SessionOptions.builder(layout.plan(), layout.results())
            .dataRoot(options.dataRoot())
            .parallelism(options.parallelism())
            .resume(true)
            .durable(options.durable())
            .build();
    SessionSummary summary = new SessionRunner(runOptions).run(listener);
    return new Result(layout, planner.jobCount(), resumed, summary);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
