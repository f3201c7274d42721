package dev.arbtune.result;

import java.util.Locale;

/** Why a result file counts as an error job. Each kind has a stable, lower-case label. */
public enum ErrorKind {
  /** The file could not be read at all (permissions, a broken symbolic link, an I/O error). */
  UNREADABLE,
  /** The file is empty or holds only whitespace: typically a job that died before writing. */
  EMPTY,
  /** The file is not UTF-8 (UTF-16 and UTF-32 are recognised and refused). */
  NOT_UTF8,
  /** The bytes are not valid JSON, or break a size limit, or have content after the document. */
  MALFORMED_JSON,
  /** Valid JSON whose top-level value is not an object. */
  NOT_AN_OBJECT,
  /** {@code config}, {@code metrics} or {@code status} is present but has the wrong JSON type. */
  INVALID_FIELD,
  /** A success document whose ranking or filter metric is present but not a finite number. */
  INVALID_METRIC,
  /** The document says it failed: {@code status} is {@code "error"}, missing or anything else. */
  STATUS_ERROR,
  /**
   * The file, or the JSON Lines line, is larger than a result document may be ({@link
   * ResultReader#MAX_DOCUMENT_BYTES}); it is not read.
   */
  TOO_LARGE,
  /**
   * {@code config} or {@code metrics} holds more values than a result document may have ({@link
   * ResultReader#MAX_OBJECT_VALUES}, keys and array elements, nested ones counted); the rest is not
   * read.
   */
  TOO_MANY_KEYS;

  /** The label used in output, e.g. {@code malformed-json}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return label();
  }
}
