package dev.arbtune.sweep;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps a sweep and a walk-forward out of each other's output root: a root that holds the other
 * kind of run's files, or a folder inside a walk-forward's root or inside a sweep's {@code
 * results/} folder, is refused before anything is written (the other run would read the new files
 * as its own and report wrong numbers). Roots are recognised by their files' names: a sweep's by
 * {@code jobs.jsonl} with {@code inputs.json} beside it, a walk-forward's by {@link
 * #WALKFORWARD_INPUTS} or {@link #WALKFORWARD_RECORD}.
 */
public final class RunRoots {

  /** The walk-forward's record in its output root. */
  public static final String WALKFORWARD_RECORD = "walkforward.json";

  /** What a walk-forward's results were computed from, in its output root. */
  public static final String WALKFORWARD_INPUTS = "walkforward-inputs.json";

  private RunRoots() {}

  /**
   * Refuses {@code root} for a sweep when it holds a walk-forward's files or lies inside another
   * run's root.
   *
   * @throws SweepConflictException naming the folder and what it holds
   */
  public static void checkForSweep(Path root) {
    Objects.requireNonNull(root, "root");
    List<String> held = walkforwardFiles(root);
    if (!held.isEmpty()) {
      throw new SweepConflictException(
          root
              + " is a walk-forward's output root (it holds "
              + String.join(" and ", held)
              + "): a sweep there would mix with its files; use another output folder");
    }
    checkAncestors(root, "a sweep");
  }

  /**
   * Refuses {@code root} for a walk-forward when it holds a sweep's files or lies inside another
   * run's root.
   *
   * @throws SweepConflictException naming the folder and what it holds
   */
  public static void checkForWalkforward(Path root) {
    Objects.requireNonNull(root, "root");
    SweepLayout sweep = new SweepLayout(root);
    List<String> held = new ArrayList<>();
    for (Path p : List.of(sweep.plan(), sweep.inputs(), sweep.results())) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        held.add(p.getFileName().toString());
      }
    }
    if (!held.isEmpty()) {
      throw new SweepConflictException(
          root
              + " holds a sweep's files ("
              + String.join(", ", held)
              + "): a walk-forward there would mix with them; use another output folder");
    }
    checkAncestors(root, "a walk-forward");
  }

  private static void checkAncestors(Path root, String what) {
    Path abs = root.toAbsolutePath().normalize();
    for (Path a = abs.getParent(); a != null; a = a.getParent()) {
      List<String> held = walkforwardFiles(a);
      if (!held.isEmpty()) {
        throw new SweepConflictException(
            root
                + " is inside "
                + a
                + ", a walk-forward's output root (it holds "
                + String.join(" and ", held)
                + "): "
                + what
                + " written there would mix with its files; use a folder outside it");
      }
      SweepLayout sweep = new SweepLayout(a);
      if (abs.startsWith(sweep.results())
          && Files.isRegularFile(sweep.plan())
          && Files.isRegularFile(sweep.inputs())) {
        throw new SweepConflictException(
            root
                + " is inside "
                + sweep.results()
                + ", the results folder of the sweep in "
                + a
                + " (it holds jobs.jsonl and inputs.json): "
                + what
                + " written there would be read as that sweep's results; use a folder outside it");
      }
    }
  }

  private static List<String> walkforwardFiles(Path dir) {
    List<String> held = new ArrayList<>();
    for (String name : List.of(WALKFORWARD_INPUTS, WALKFORWARD_RECORD)) {
      if (Files.isRegularFile(dir.resolve(name))) {
        held.add(name);
      }
    }
    return held;
  }
}
