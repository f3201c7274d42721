package dev.arbtune.join;

import dev.arbtune.backtest.EpochUnit;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One venue's quote file and how to read it.
 *
 * @param file the file, plain or gzip-compressed
 * @param format its format, or {@link VenueFormat#AUTO} to recognise it by its header
 * @param timeColumn the column holding the time, or {@code null} for the format's own
 * @param unit the unit of epoch integers in that column, or {@link EpochUnit#AUTO} (by magnitude)
 * @param sort whether to sort the rows by time (the file is then held in memory) instead of
 *     refusing a row out of time order
 * @param names how messages about the file name the settings above
 */
public record VenueInput(
    Path file,
    VenueFormat format,
    String timeColumn,
    EpochUnit unit,
    boolean sort,
    VenueSettingNames names) {

  public VenueInput {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(names, "names");
    if (timeColumn != null && timeColumn.isBlank()) {
      throw new IllegalArgumentException("timeColumn is blank");
    }
  }

  /** The input with messages naming {@link VenueSettingNames#DEFAULT}. */
  public VenueInput(
      Path file, VenueFormat format, String timeColumn, EpochUnit unit, boolean sort) {
    this(file, format, timeColumn, unit, sort, VenueSettingNames.DEFAULT);
  }

  /** {@code file} in the format recognised by its header, times by magnitude, not sorted. */
  public static VenueInput of(Path file) {
    return new VenueInput(file, VenueFormat.AUTO, null, EpochUnit.AUTO, false);
  }
}
