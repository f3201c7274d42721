package dev.arbtune.insights;

import java.util.Objects;

/**
 * A config key that varies but is not analysed, and why.
 *
 * @param name the config key
 * @param reason e.g. {@code more than 256 distinct values}
 */
public record SkippedParameter(String name, String reason) {
  public SkippedParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }
}
