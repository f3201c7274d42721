package dev.arbtune.insights;

import java.util.Objects;

/**
 * A config key that varies but is not analysed, and why.
 *
 * @param name the config key
 * @param reason e.g. {@code more than 256 distinct values}
 * @param beyondCap whether the reason is the cap on analysed parameters (text output lists such
 *     keys on one line)
 */
public record SkippedParameter(String name, String reason, boolean beyondCap) {
  public SkippedParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }

  /** A key not analysed for {@code reason}, other than the cap on analysed parameters. */
  public SkippedParameter(String name, String reason) {
    this(name, reason, false);
  }

  /**
   * A key that varies but is not among the {@code cap} varying keys that are analysed (those in
   * every job first, then the others, each by name).
   */
  public static SkippedParameter beyondCap(String name, int cap) {
    return new SkippedParameter(
        name,
        "more than "
            + cap
            + " parameters vary: "
            + cap
            + " are analysed (those in every job first, then by name), to bound memory",
        true);
  }
}
