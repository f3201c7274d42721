package dev.arbtune.aggregate;

import dev.arbtune.result.ErrorKind;
import java.io.Serializable;
import java.util.Objects;

/**
 * Why a job counts as an error.
 *
 * @param kind the category, e.g. {@code malformed-json}
 * @param message what is wrong, with line and column where the parser gave them, or the document's
 *     own {@code error} message for {@link ErrorKind#STATUS_ERROR}
 */
public record JobError(ErrorKind kind, String message) implements Serializable {
  public JobError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
