package dev.arbtune.aggregate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Finds the documents of one job in a results folder, scanning it as the aggregator does (the same
 * files, the same {@code job_id} rule, the same error jobs), holding only the matches and a few job
 * ids close to the one sought.
 *
 * <pre>{@code
 * JobFinder.Found found = JobFinder.find(Path.of("results/sess001"), "sess001_0007", 4);
 * }</pre>
 */
public final class JobFinder {

  /** Job ids suggested when none matches. */
  public static final int SUGGESTIONS = 5;

  private JobFinder() {}

  /**
   * What a scan found.
   *
   * @param matches every job whose {@code job_id} is the one sought, by source path and line
   * @param suggestions up to {@link #SUGGESTIONS} other job ids, closest first (by edit distance,
   *     then by name); only filled when nothing matched
   * @param jobs how many jobs the folder holds
   */
  public record Found(List<AggregatedJobResult> matches, List<String> suggestions, long jobs) {
    public Found {
      matches = List.copyOf(matches);
      suggestions = List.copyOf(suggestions);
    }
  }

  /**
   * Scans {@code resultsDir} for the jobs named {@code jobId}.
   *
   * @param threads reading and parsing threads, at least 1
   * @throws java.nio.file.NoSuchFileException when the folder does not exist
   * @throws java.nio.file.NotDirectoryException when it is not a folder
   * @throws IOException when it cannot be listed
   */
  public static Found find(java.nio.file.Path resultsDir, String jobId, int threads)
      throws IOException {
    Objects.requireNonNull(resultsDir, "resultsDir");
    Objects.requireNonNull(jobId, "jobId");
    State state = new State(jobId);
    new ResultScanner(resultsDir, threads, new ScanProgress())
        .scan(
            i ->
                new ResultScanner.Sink() {
                  @Override
                  public void job(AggregatedJobResult job) {
                    state.add(job);
                  }

                  @Override
                  public void skipped(String location) {}
                });
    List<AggregatedJobResult> matches = new ArrayList<>(state.matches);
    matches.sort(
        Comparator.comparing(AggregatedJobResult::source)
            .thenComparingInt(AggregatedJobResult::line));
    List<String> suggestions = new ArrayList<>();
    if (matches.isEmpty()) {
      for (Near n : state.near) {
        suggestions.add(n.id());
      }
    }
    return new Found(matches, suggestions, state.jobs);
  }

  /** A job id and its distance from the one sought. */
  private record Near(int distance, String id) {}

  /** What the scanning threads share; each call holds the lock for a moment. */
  private static final class State {
    private final String sought;
    private final List<AggregatedJobResult> matches = new ArrayList<>();
    private final TreeSet<Near> near =
        new TreeSet<>(Comparator.comparingInt(Near::distance).thenComparing(Near::id));
    private long jobs;

    State(String sought) {
      this.sought = sought;
    }

    synchronized void add(AggregatedJobResult job) {
      jobs++;
      if (job.jobId().equals(sought)) {
        matches.add(job);
        return;
      }
      if (!matches.isEmpty()) {
        return;
      }
      Near n = new Near(distance(sought, job.jobId()), job.jobId());
      if (near.size() < SUGGESTIONS) {
        near.add(n);
      } else if (near.comparator().compare(n, near.last()) < 0 && near.add(n)) {
        near.pollLast();
      }
    }
  }

  /** Levenshtein distance, at most about 300 characters of each string compared. */
  static int distance(String a, String b) {
    String x = a.length() > 300 ? a.substring(0, 300) : a;
    String y = b.length() > 300 ? b.substring(0, 300) : b;
    int[] prev = new int[y.length() + 1];
    int[] cur = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length()];
  }
}
