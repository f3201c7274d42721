package dev.arbtune.bench.gen;

import java.util.Arrays;
import java.util.List;

/**
 * The ways a real sweep leaves a result document unusable. Each one is an error job for the
 * aggregator; none of them may stop the aggregation.
 */
public enum BrokenKind {
  /** Zero bytes: the job was killed after creating the file, before writing it. */
  EMPTY("empty", false),
  /** Cut off part way: killed mid-write, or the disk filled up. */
  TRUNCATED("truncated", true),
  /**
   * Not JSON: a Python {@code repr} of the dict written by mistake, a trailing comma, or two
   * documents written into one file.
   */
  INVALID_JSON("invalid_json", true),
  /** A well-formed document with {@code "status": "error"} and the runner's error message. */
  STATUS_ERROR("status_error", true),
  /** {@code "status": "success"} but {@code realized_pnl_usd} (and what follows from it) is NaN. */
  NAN_PNL("nan_pnl", true),
  /** Valid JSON whose top-level value is not an object: an array, {@code null} or a string. */
  NOT_AN_OBJECT("not_an_object", true);

  private final String key;
  private final boolean possibleInJsonLines;

  BrokenKind(String key, boolean possibleInJsonLines) {
    this.key = key;
    this.possibleInJsonLines = possibleInJsonLines;
  }

  /** The name used in the generator's output and marker file, e.g. {@code invalid_json}. */
  public String key() {
    return key;
  }

  /**
   * The kinds a JSON Lines file can hold. An empty file has no equivalent: a blank line is not a
   * job (JSON Lines readers skip them), so blank lines are never generated.
   */
  static List<BrokenKind> forJsonLines() {
    return Arrays.stream(values()).filter(k -> k.possibleInJsonLines).toList();
  }
}
