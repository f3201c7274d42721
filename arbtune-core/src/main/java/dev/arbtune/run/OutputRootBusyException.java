package dev.arbtune.run;

import dev.arbtune.io.InputProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Another session (in this process or another one) is running on the same output root: two sessions
 * writing into one root would overwrite each other's documents and delete each other's temporary
 * files, so the second one does not start.
 */
public final class OutputRootBusyException extends IOException implements InputProblem {

  private static final long serialVersionUID = 1L;

  private final transient Path root;

  /**
   * @param root the output root
   * @param holder who holds it, as its lock file says (e.g. {@code process 1234}), or {@code null}
   */
  public OutputRootBusyException(Path root, String holder) {
    super(
        "another arbtune session"
            + (holder == null || holder.isBlank() ? "" : " (" + holder + ")")
            + " is running on the output root "
            + Objects.requireNonNull(root, "root")
            + " (it holds "
            + root.resolve(OutputRootLock.FILE_NAME)
            + "); wait for it to finish, or use another output folder");
    this.root = root;
  }

  /** The output root. */
  public Path root() {
    return root;
  }
}
