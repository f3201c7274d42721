package dev.arbtune.show;

/**
 * A job cannot be re-run: its config is not valid, or its data file is missing or unreadable. The
 * message is one sentence for the user (it names the field or the file).
 */
public final class ReplayException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Whether the data file was not found (moved or deleted). */
  private final boolean dataMissing;

  ReplayException(String message, boolean dataMissing) {
    super(message);
    this.dataMissing = dataMissing;
  }

  /** Whether the cause is a data file that is not there (moved or deleted). */
  public boolean dataMissing() {
    return dataMissing;
  }
}
