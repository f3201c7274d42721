package dev.arbtune.backtest;

import java.util.Objects;

/** A backtest configuration that the runner refuses, naming the offending field. */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the config key at fault, e.g. {@code taker_fee_a_bps}
   * @param message what is wrong with it
   */
  public ConfigException(String field, String message) {
    super(field + ": " + message);
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The config key at fault. */
  public String field() {
    return field;
  }
}
