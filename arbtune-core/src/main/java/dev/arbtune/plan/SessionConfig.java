package dev.arbtune.plan;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.io.Excerpt;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parameter-sweep session: what a session file says, validated.
 *
 * <p>Every job starts from {@code base} (the fixed parameters, {@code data_file}, and the tag
 * prefix as {@code tag}) and sets each grid's field to one of its values. Which combinations become
 * jobs is the {@code sampler}'s choice; {@code maxJobs} caps their number.
 *
 * @param base the fixed parameters of every job; its {@code tag} is the tag prefix of job ids and
 *     output folders ({@code null} for none)
 * @param grids the varied parameters, first varying slowest; names distinct; may be empty (one job)
 * @param sampler every combination, or a random sample
 * @param maxJobs at most this many jobs, 1 to {@link #MAX_JOBS}, or {@code null} for no cap: the
 *     grid sampler keeps the first {@code maxJobs} combinations in grid order; the random sampler
 *     draws {@code min(samples, maxJobs)} combinations, so that the sample stays uniform
 */
public record SessionConfig(
    BacktestConfig base, List<ParamGrid> grids, Sampler sampler, Long maxJobs) {

  /** No plan may have more jobs than this. */
  public static final long MAX_JOBS = 10_000_000L;

  /** Prefix of job ids and name of the output folder when there is no tag prefix. */
  public static final String DEFAULT_JOB_PREFIX = "job";

  /** Longest tag prefix. */
  public static final int MAX_TAG_PREFIX_LENGTH = 64;

  private static final Pattern TAG_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /**
   * @throws SessionConfigException naming the field at fault: {@code tag_prefix} when it is not a
   *     safe folder name; {@code grids[i].name} for a duplicate grid; {@code grids[i].values[j]} or
   *     {@code grids[i].range} for a value the runner would refuse; {@code max_jobs} when out of
   *     range; {@code grids} when the plan would exceed {@link #MAX_JOBS} jobs, or when a random
   *     sample is asked of more than {@link Long#MAX_VALUE} combinations
   */
  public SessionConfig {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(grids, "grids");
    Objects.requireNonNull(sampler, "sampler");
    grids = List.copyOf(grids);
    checkTagPrefix(base.tag());
    checkGridNames(grids);
    checkGridValues(base, grids);
    if (maxJobs != null && (maxJobs < 1 || maxJobs > MAX_JOBS)) {
      throw new SessionConfigException(
          "max_jobs", "must be between 1 and " + MAX_JOBS + ", got " + maxJobs);
    }
    BigInteger combinations = product(grids);
    if (sampler instanceof Sampler.Grid
        && maxJobs == null
        && combinations.compareTo(BigInteger.valueOf(MAX_JOBS)) > 0) {
      throw new SessionConfigException(
          "grids",
          "the grids make "
              + combinations
              + " combinations, more than the limit of "
              + MAX_JOBS
              + " jobs; set max_jobs, use sampler: random with samples, or vary fewer values");
    }
    if (sampler instanceof Sampler.Random && combinations.bitLength() > 63) {
      throw new SessionConfigException(
          "grids",
          "the grids make "
              + combinations
              + " combinations; random sampling supports at most "
              + Long.MAX_VALUE);
    }
  }

  /** The tag prefix ({@code base.tag()}), or {@code null}. */
  public String tagPrefix() {
    return base.tag();
  }

  /**
   * The prefix of job ids ({@code PREFIX_0001}) and the output folder of their results: the tag
   * prefix, or {@link #DEFAULT_JOB_PREFIX} without one.
   */
  public String jobPrefix() {
    return base.tag() == null ? DEFAULT_JOB_PREFIX : base.tag();
  }

  /** The number of combinations of the grids (1 without grids). */
  public BigInteger combinations() {
    return product(grids);
  }

  /**
   * The number of jobs the plan has: every combination (grid sampler) or {@code min(samples,
   * combinations)} (random sampler), capped by {@code maxJobs}. At most {@link #MAX_JOBS}.
   */
  public long jobCount() {
    BigInteger n = combinations();
    if (sampler instanceof Sampler.Random r) {
      n = n.min(BigInteger.valueOf(r.samples()));
    }
    if (maxJobs != null) {
      n = n.min(BigInteger.valueOf(maxJobs));
    }
    return n.longValueExact();
  }

  private static BigInteger product(List<ParamGrid> grids) {
    BigInteger p = BigInteger.ONE;
    for (ParamGrid g : grids) {
      p = p.multiply(BigInteger.valueOf(g.size()));
    }
    return p;
  }

  private static void checkTagPrefix(String tag) {
    if (tag == null) {
      return;
    }
    if (tag.length() > MAX_TAG_PREFIX_LENGTH || !TAG_PREFIX.matcher(tag).matches()) {
      throw new SessionConfigException(
          "tag_prefix",
          "must be 1 to "
              + MAX_TAG_PREFIX_LENGTH
              + " letters, digits, '.', '_' or '-', starting with a letter or digit (it names"
              + " the results folder), got "
              + Excerpt.quoted(tag));
    }
  }

  private static void checkGridNames(List<ParamGrid> grids) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < grids.size(); i++) {
      Integer first = seen.putIfAbsent(grids.get(i).name(), i);
      if (first != null) {
        throw new SessionConfigException(
            "grids[" + i + "].name",
            "duplicate grid "
                + grids.get(i).name()
                + " (already varied by grids["
                + first
                + "]); merge their values into one grid");
      }
    }
  }

  /**
   * Every value of every grid, on top of the base, must be accepted by the runner. The runner's
   * checks are per field, so one check per value is enough (not one per combination); for a range,
   * which is monotonic, checking its first, second and last values covers its bounds and whether
   * all its values are whole numbers.
   */
  private static void checkGridValues(BacktestConfig base, List<ParamGrid> grids) {
    JobConfigs configs = new JobConfigs(base);
    for (int i = 0; i < grids.size(); i++) {
      ParamGrid g = grids.get(i);
      if (g.isRange()) {
        int last = g.size() - 1;
        for (int j : new int[] {0, Math.min(1, last), last}) {
          configs.check("grids[" + i + "].range", g.name(), g.values().get(j));
        }
      } else {
        for (int j = 0; j < g.size(); j++) {
          configs.check("grids[" + i + "].values[" + j + "]", g.name(), g.values().get(j));
        }
      }
    }
  }
}
