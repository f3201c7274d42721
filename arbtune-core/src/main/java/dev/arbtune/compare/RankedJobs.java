package dev.arbtune.compare;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.JobCollector;
import dev.arbtune.aggregate.Ranking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The second pass over a side: one compact record per ranked job (its match id, sort key, the
 * compared metrics and its job id; never its document), then {@link #rank()} puts them in the
 * ranking's order (the sort key, then the job id, as {@code aggregate} ranks).
 */
public final class RankedJobs implements JobCollector<RankedJobs> {

  private final MatchRule rule;
  private final Ranking ranking;
  private final List<String> metrics;
  private long[] ids = new long[16];
  private double[] keys = new double[16];
  private double[] values = new double[16];
  private final List<String> jobIds = new ArrayList<>();
  private int size;

  /**
   * An empty collector.
   *
   * @param metrics the metrics kept per job (missing or not a finite number: NaN)
   */
  public RankedJobs(MatchRule rule, Ranking ranking, List<String> metrics) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.ranking = Objects.requireNonNull(ranking, "ranking");
    this.metrics = List.copyOf(metrics);
  }

  @Override
  public void accept(AggregatedJobResult job) {
    double[] m = new double[metrics.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = job.metric(metrics.get(i)).orElse(Double.NaN);
    }
    add(rule.id(job.config()), ranking.sortKey(job), m, job.jobId());
  }

  private void add(long id, double key, double[] m, String jobId) {
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
      keys = Arrays.copyOf(keys, size * 2);
    }
    if ((size + 1) * metrics.size() > values.length) {
      values = Arrays.copyOf(values, Math.max(16, values.length * 2));
    }
    ids[size] = id;
    keys[size] = key;
    System.arraycopy(m, 0, values, size * metrics.size(), m.length);
    jobIds.add(jobId);
    size++;
  }

  @Override
  public void merge(RankedJobs other) {
    int k = metrics.size();
    for (int i = 0; i < other.size; i++) {
      add(
          other.ids[i],
          other.keys[i],
          Arrays.copyOfRange(other.values, i * k, (i + 1) * k),
          other.jobIds.get(i));
    }
  }

  /** The jobs in the ranking's order: rank 1 first. */
  public Ranked rank() {
    int[] order =
        IntStream.range(0, size)
            .boxed()
            .sorted(
                Comparator.<Integer>comparingDouble(i -> keys[i])
                    .thenComparing(i -> jobIds.get(i))
                    .thenComparingLong(i -> ids[i]))
            .mapToInt(Integer::intValue)
            .toArray();
    int k = metrics.size();
    long[] rid = new long[size];
    double[] rkey = new double[size];
    double[] rval = new double[size * k];
    String[] rjob = new String[size];
    for (int r = 0; r < size; r++) {
      int i = order[r];
      rid[r] = ids[i];
      rkey[r] = keys[i];
      System.arraycopy(values, i * k, rval, r * k, k);
      rjob[r] = jobIds.get(i);
    }
    return new Ranked(metrics, rid, rkey, rval, rjob);
  }

  /**
   * A side's ranked jobs, index {@code r} holding rank {@code r + 1}.
   *
   * @param metrics the metric names of {@link #metric}
   * @param ids the match ids
   * @param keys the sort keys (smaller ranks first)
   * @param values the metrics, {@code metrics.size()} per job
   * @param jobIds the job ids
   */
  public record Ranked(
      List<String> metrics, long[] ids, double[] keys, double[] values, String[] jobIds) {

    /** The number of ranked jobs. */
    public int size() {
      return ids.length;
    }

    /** Metric {@code m} of the job at index {@code r}; NaN when missing. */
    public double metric(int r, int m) {
      return values[r * metrics.size() + m];
    }
  }
}
