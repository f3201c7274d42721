package dev.arbtune.plan;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.ConfigException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Expands a {@link SessionConfig} into its jobs.
 *
 * <p>Combinations are numbered in grid order: the first grid varies slowest, the last fastest, each
 * through its values in the order given. The grid sampler takes combinations {@code 0, 1, 2, …};
 * the random sampler takes a simple random sample of them, seeded by its {@code seed}, in
 * increasing order; {@code max_jobs} keeps the first jobs (for the random sampler it is the sample
 * size, so that the sample stays uniform). The {@code k}-th job (from 1) is {@code PREFIX_k}, with
 * {@code k} zero-padded to {@code max(4, digits of the job count)}, and writes {@code
 * PREFIX/PREFIX_k.json}. Nothing depends on the clock, the machine or hash order: the same config
 * always gives the same jobs.
 *
 * <p>Jobs are produced lazily: {@link #streamJobs()} holds one job at a time, whatever the count.
 * Instances are immutable and thread-safe; each stream starts from the first job.
 */
public final class SessionPlanner {

  private final SessionConfig config;
  private final JobConfigs configs;
  private final String[] names;
  private final long jobCount;
  private final int idWidth;

  /** A planner of {@code config}'s jobs. */
  public SessionPlanner(SessionConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.configs = new JobConfigs(config.base());
    this.names = config.grids().stream().map(ParamGrid::name).toArray(String[]::new);
    this.jobCount = config.jobCount();
    this.idWidth = Math.max(4, Long.toString(jobCount).length());
  }

  /** The session planned. */
  public SessionConfig config() {
    return config;
  }

  /** How many jobs the plan has (what {@link #streamJobs()} yields); 1 to 10 million. */
  public long jobCount() {
    return jobCount;
  }

  /**
   * The jobs in plan order, produced one at a time: a sequential, ordered, sized stream. Use this
   * to write or run a plan of any size.
   *
   * @throws SessionConfigException (from the stream's terminal operation) should the runner refuse
   *     a combination that each value alone passed; {@link SessionConfig} checks every value, so
   *     this happens only if the runner gains a check across fields
   */
  public Stream<JobPlan> streamJobs() {
    return StreamSupport.stream(
        Spliterators.spliterator(
            new Jobs(),
            jobCount,
            Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE),
        false);
  }

  /**
   * Every job, in plan order, in memory. Convenient for small sessions and tests; prefer {@link
   * #streamJobs()} for large ones.
   *
   * @throws SessionConfigException as {@link #streamJobs()}
   */
  public List<JobPlan> generateJobs() {
    return streamJobs().collect(Collectors.toUnmodifiableList());
  }

  /**
   * The id of the {@code number}-th job of this plan (from 1): {@code PREFIX_0001}.
   *
   * @throws IllegalArgumentException when {@code number} is not between 1 and {@link #jobCount()}
   */
  public String jobId(long number) {
    if (number < 1 || number > jobCount) {
      throw new IllegalArgumentException(
          "job number must be between 1 and " + jobCount + ", got " + number);
    }
    String digits = Long.toString(number);
    StringBuilder sb = new StringBuilder(config.jobPrefix()).append('_');
    for (int i = digits.length(); i < idWidth; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }

  /** The combination indices, in plan order. */
  private PrimitiveIterator.OfLong combinationIndices() {
    if (config.sampler() instanceof Sampler.Random r) {
      long combinations = config.combinations().longValueExact();
      return new SequentialSampler(combinations, jobCount, new SplitMix64(r.seed()));
    }
    return LongStream.range(0, jobCount).iterator();
  }

  private JobPlan job(long number, long combination) {
    List<ParamGrid> grids = config.grids();
    BigDecimal[] values = new BigDecimal[grids.size()];
    long rest = combination;
    for (int i = grids.size() - 1; i >= 0; i--) {
      int size = grids.get(i).size();
      values[i] = grids.get(i).values().get((int) (rest % size));
      rest /= size;
    }
    String id = jobId(number);
    BacktestConfig jobConfig;
    try {
      jobConfig = configs.with(names, values);
    } catch (ConfigException e) {
      throw new SessionConfigException("grids", id + ": " + JobConfigs.runnerProblem(e));
    }
    return new JobPlan(id, jobConfig, config.jobPrefix() + "/" + id + ".json");
  }

  /** The jobs, one at a time. */
  private final class Jobs implements Iterator<JobPlan> {
    private final PrimitiveIterator.OfLong indices = combinationIndices();
    private long number;

    @Override
    public boolean hasNext() {
      return indices.hasNext();
    }

    @Override
    public JobPlan next() {
      if (!indices.hasNext()) {
        throw new NoSuchElementException();
      }
      long combination = indices.nextLong();
      number++;
      return job(number, combination);
    }
  }
}
