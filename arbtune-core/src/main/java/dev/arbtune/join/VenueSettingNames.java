package dev.arbtune.join;

import java.util.Objects;

/**
 * How messages about one venue file name the settings that change how it is read, so that a message
 * tells the user what to write where they are: {@code --time-unit-a} and {@code --sort} on {@code
 * arbtune join}'s command line, {@code time_unit_a} and {@code sort_a} in a session.
 *
 * @param timeUnit the setting of the unit of epoch integers ({@code --time-unit-a}, {@code
 *     time_unit_a})
 * @param sortAdvice what to do about a row out of time order besides sorting the file, completing
 *     "sort the file by time, or ..." ({@code let --sort sort it (in memory)})
 */
public record VenueSettingNames(String timeUnit, String sortAdvice) {

  /** The names of a library call that says nothing about its caller. */
  public static final VenueSettingNames DEFAULT =
      new VenueSettingNames("--time-unit", "let arbtune join --sort sort it (in memory)");

  public VenueSettingNames {
    Objects.requireNonNull(timeUnit, "timeUnit");
    Objects.requireNonNull(sortAdvice, "sortAdvice");
  }

  /**
   * The names of command-line options.
   *
   * @param timeUnitOption the unit's option ({@code --time-unit-a})
   * @param sortOption the option that sorts the file ({@code --sort})
   */
  public static VenueSettingNames options(String timeUnitOption, String sortOption) {
    return new VenueSettingNames(timeUnitOption, "let " + sortOption + " sort it (in memory)");
  }

  /**
   * The names of session keys.
   *
   * @param timeUnitKey the unit's key ({@code time_unit_a})
   * @param sortKey the boolean key that sorts the file ({@code sort_a})
   */
  public static VenueSettingNames sessionKeys(String timeUnitKey, String sortKey) {
    return new VenueSettingNames(
        timeUnitKey,
        "set "
            + sortKey
            + ": true in the session (or the plan line's config) to sort it (in memory)");
  }
}
