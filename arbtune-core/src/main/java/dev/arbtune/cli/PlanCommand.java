package dev.arbtune.cli;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.io.OutputTarget;
import dev.arbtune.plan.ParamGrid;
import dev.arbtune.plan.PlanFile;
import dev.arbtune.plan.Sampler;
import dev.arbtune.plan.SessionConfig;
import dev.arbtune.plan.SessionConfigException;
import dev.arbtune.plan.SessionFile;
import dev.arbtune.plan.SessionPlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code arbtune plan}: turn a session file into a plan file, one job per line. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Read a session file (YAML: data_file, fixed parameters, grids, sampler; see"
          + " docs/SESSION.md) and write its plan: one JSON line per job,"
          + " {\"job_id\": ..., \"config\": {...}, \"output_json\": \"TAG/JOB_ID.json\"}.",
      "",
      "Every error in the session file is reported with its line and field before anything is"
          + " written. The same session file always gives the same plan, byte for byte."
    })
final class PlanCommand implements Callable<Integer> {

  /** How many values of each grid --dry-run shows. */
  private static final int SHOWN_VALUES = 10;

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Session file (YAML) to plan; - reads it from stdin.")
  Path config;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description =
          "Plan file to write (JSON Lines; parent folders are created; a file, or the target of a"
              + " symbolic link, is replaced atomically; a pipe or device is written in place;"
              + " - is stdout; see 'Output paths' in the README). Required unless --dry-run is"
              + " given.")
  Path output;

  @Option(
      names = "--dry-run",
      description = "Print the job count and the varied parameters to stdout; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    if (output == null && !dryRun) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option: '--output=FILE' (or give --dry-run)");
    }
    OutputTarget target = null;
    if (!dryRun) {
      target = OutputTarget.of("--output", output);
      OutputTarget.refuseOverlaps(
          List.of(target), List.of(new OutputTarget.Input("--config", config)));
      Outputs.refuseOwnFileNames(List.of(target));
    }
    // An invalid session is an InputProblem: the error handler reports it (exit 1).
    SessionPlanner planner = new SessionPlanner(loadSession());
    if (dryRun) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(describe(planner));
      out.flush();
      return ExitCodes.OK;
    }
    long[] written = new long[1];
    try {
      target.write(
          spec.commandLine().getOut(),
          w -> written[0] = PlanFile.write(w, planner.streamJobs()),
          true);
    } catch (SessionConfigException e) {
      throw new UserInputException(sessionName() + ": " + e.getMessage(), e);
    }
    spec.commandLine().getErr().println("arbtune plan: wrote " + written[0] + " jobs to " + target);
    return ExitCodes.OK;
  }

  /** The session file, or stdin for {@code --config -}. */
  private SessionConfig loadSession() throws IOException {
    if (OutputTarget.isStdout(config)) {
      return SessionFile.read(System.in, sessionName());
    }
    return SessionFile.load(config);
  }

  private String sessionName() {
    return OutputTarget.isStdout(config) ? "stdin" : config.toString();
  }

  private String describe(SessionPlanner planner) {
    SessionConfig session = planner.config();
    long jobs = planner.jobCount();
    StringBuilder sb = new StringBuilder();
    sb.append("session: ").append(sessionName()).append('\n');
    sb.append("jobs: ").append(jobs).append('\n');
    sb.append("combinations: ").append(session.combinations());
    if (session.grids().size() > 1) {
      sb.append(" (");
      for (int i = 0; i < session.grids().size(); i++) {
        sb.append(i == 0 ? "" : " x ").append(session.grids().get(i).size());
      }
      sb.append(')');
    }
    sb.append('\n');
    if (session.sampler() instanceof Sampler.Random r) {
      sb.append("sampler: random (samples: ")
          .append(r.samples())
          .append(", seed: ")
          .append(r.seed())
          .append(")\n");
    } else {
      sb.append("sampler: grid\n");
    }
    if (session.maxJobs() != null) {
      sb.append("max_jobs: ").append(session.maxJobs()).append('\n');
    }
    sb.append("job ids: ").append(planner.jobId(1));
    if (jobs > 1) {
      sb.append(" .. ").append(planner.jobId(jobs));
    }
    sb.append('\n');
    sb.append("results: ").append(session.jobPrefix()).append("/<job_id>.json\n");
    if (session.grids().isEmpty()) {
      sb.append("varied parameters: none\n");
    } else {
      sb.append("varied parameters:\n");
      for (ParamGrid g : session.grids()) {
        sb.append("  ")
            .append(g.name())
            .append(": ")
            .append(g.size())
            .append(g.size() == 1 ? " value: " : " values: ")
            .append(g.describeValues(SHOWN_VALUES))
            .append('\n');
      }
    }
    sb.append(
        output == null
            ? "plan: not written (--dry-run)\n"
            : "plan: not written to " + output + " (--dry-run)\n");
    return sb.toString();
  }
}
