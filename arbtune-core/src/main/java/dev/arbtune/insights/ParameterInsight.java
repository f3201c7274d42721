package dev.arbtune.insights;

import java.util.List;
import java.util.Objects;

/**
 * Sensitivity and importance of one varied parameter.
 *
 * @param name the config key
 * @param values statistics per value, in {@link ParamValue} order
 * @param etaSquared share of the PnL variance explained by this parameter alone: between-group sum
 *     of squares over total sum of squares (η²); NaN when every job has the same PnL
 * @param omegaSquared η² corrected for the number of values (ω², Hays), which does not reward a
 *     parameter for merely having many values; 0 at worst; NaN when every value has a single job
 * @param categorical whether the values are text (a data file, a time window): such a parameter has
 *     no "next value", so it is not stepped along when looking for grid neighbours
 */
public record ParameterInsight(
    String name,
    List<ValueStats> values,
    double etaSquared,
    double omegaSquared,
    boolean categorical) {
  public ParameterInsight {
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
  }

  /** The sorted distinct values. */
  public List<ParamValue> distinctValues() {
    return values.stream().map(ValueStats::value).toList();
  }
}
