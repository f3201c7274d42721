package dev.arbtune.bench.baseline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.arbtune.bench.ToolRunner;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.result.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The seed's design ported to Java the straightforward way, single-threaded: the baseline that
 * issue 3 asks the aggregator to beat by 2.5x. {@code load_results()} walks the folder with {@link
 * Files#walk}, reads every {@code *.json} file into a tree with {@link ObjectMapper#readTree} and
 * keeps every job in one list; {@code summarize()} filters that list, sorts all of it by {@code
 * realized_pnl_usd} and takes the first {@code max_results}.
 *
 * <p>What counts as a success is arbtune's contract (so that the counts can be checked against
 * {@code aggregate}): an object whose {@code status} is {@code "success"}, whose {@code config} and
 * {@code metrics} are objects when present, and whose {@code realized_pnl_usd}, {@code
 * max_drawdown_pct} and {@code total_trades} are finite numbers when present. Ties rank by {@code
 * job_id}, then path, as in {@code aggregate}. It prints {@code key=value} lines, not the seed's
 * layout.
 *
 * <pre>
 * java -cp arbtune-bench/target/benchmarks.jar dev.arbtune.bench.baseline.SeedReferenceAggregator \
 *     --results-dir /tmp/arbtune-bench/files-100000
 * </pre>
 */
@Command(
    name = "SeedReferenceAggregator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "The seed's aggregator design, ported straightforwardly (Files.walk, readTree per file,"
          + " all jobs in one list, full sort): the baseline for bench/aggregate.sh.",
      "",
      "Prints total_jobs, success_jobs, error_jobs, then one line per ranked job:"
          + " rank=N job_id=ID realized_pnl_usd=X."
    })
public final class SeedReferenceAggregator implements Callable<Integer> {

  private static final String SUFFIX = ".json";
  private static final String PNL = "realized_pnl_usd";
  private static final List<String> CHECKED_METRICS =
      List.of(PNL, "max_drawdown_pct", "total_trades");

  @Spec CommandSpec spec;

  @Option(
      names = "--results-dir",
      required = true,
      paramLabel = "DIR",
      description = "Folder of result documents, scanned recursively for *.json.")
  Path resultsDir;

  @Option(
      names = "--max-results",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many ranked jobs to print (default: ${DEFAULT-VALUE}).")
  int maxResults;

  @Option(
      names = "--max-drawdown-pct",
      paramLabel = "PCT",
      description = "Keep only jobs whose metrics.max_drawdown_pct is at most PCT.")
  Double maxDrawdownPct;

  @Option(
      names = "--min-trades",
      paramLabel = "N",
      description = "Keep only jobs with at least N metrics.total_trades (missing counts as 0).")
  Integer minTrades;

  /** One job, as the seed's {@code AggregatedJobResult}: the parsed trees are kept. */
  record Job(
      String jobId, String tag, boolean success, JsonNode config, JsonNode metrics, String source) {

    double pnl() {
      JsonNode v = metrics.get(PNL);
      return v != null && v.isNumber() ? v.asDouble() + 0.0 : 0.0;
    }
  }

  private static final Comparator<Job> BEST_FIRST =
      Comparator.comparingDouble(Job::pnl)
          .reversed()
          .thenComparing(Job::jobId)
          .thenComparing(Job::source);

  /** Like Python's {@code json.load}: data after the document is an error ("Extra data"). */
  private final ObjectMapper mapper =
      new ObjectMapper(Json.factory()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public static void main(String[] args) {
    ToolRunner.main(new SeedReferenceAggregator(), args);
  }

  @Override
  public Integer call() throws IOException {
    if (maxResults < 0) {
      throw new ParameterException(
          spec.commandLine(), "--max-results must be 0 or more, got " + maxResults);
    }
    List<Job> jobs = loadResults();
    List<Job> ranked =
        jobs.stream().filter(Job::success).filter(this::passesFilters).collect(Collectors.toList());
    ranked.sort(BEST_FIRST);
    long success = jobs.stream().filter(Job::success).count();
    PrintWriter out = spec.commandLine().getOut();
    out.println("total_jobs=" + jobs.size());
    out.println("success_jobs=" + success);
    out.println("error_jobs=" + (jobs.size() - success));
    List<Job> top = ranked.subList(0, Math.min(maxResults, ranked.size()));
    for (int i = 0; i < top.size(); i++) {
      Job j = top.get(i);
      out.println("rank=" + (i + 1) + " job_id=" + j.jobId() + " " + PNL + "=" + j.pnl());
    }
    return ExitCodes.OK;
  }

  /** Every job in the folder, in walk order. */
  List<Job> loadResults() throws IOException {
    if (!Files.exists(resultsDir)) {
      throw new NoSuchFileException(resultsDir.toString());
    }
    if (!Files.isDirectory(resultsDir)) {
      throw new NotDirectoryException(resultsDir.toString());
    }
    List<Job> jobs = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(resultsDir)) {
      paths
          .filter(p -> p.getFileName().toString().endsWith(SUFFIX))
          .forEach(p -> jobs.add(load(p)));
    }
    return jobs;
  }

  private Job load(Path file) {
    String source = resultsDir.relativize(file).toString();
    String name = file.getFileName().toString();
    String fallbackId = name.substring(0, name.length() - SUFFIX.length());
    JsonNode root;
    try {
      root = mapper.readTree(file.toFile());
    } catch (IOException e) {
      return error(fallbackId, source);
    }
    if (root == null || !root.isObject()) {
      return error(fallbackId, source);
    }
    JsonNode config = root.path("config");
    JsonNode metrics = root.path("metrics");
    JsonNode id = root.path("config_summary").path("job_id");
    String jobId = id.isTextual() && !id.asText().isEmpty() ? id.asText() : fallbackId;
    JsonNode tag = config.path("tag");
    boolean success =
        "success".equals(root.path("status").textValue())
            && (config.isMissingNode() || config.isObject())
            && (metrics.isMissingNode() || metrics.isObject())
            && checkedMetricsAreFinite(metrics);
    return new Job(jobId, tag.isTextual() ? tag.asText() : null, success, config, metrics, source);
  }

  private static boolean checkedMetricsAreFinite(JsonNode metrics) {
    for (String name : CHECKED_METRICS) {
      JsonNode v = metrics.get(name);
      if (v != null && !(v.isNumber() && Double.isFinite(v.asDouble()))) {
        return false;
      }
    }
    return true;
  }

  private static Job error(String jobId, String source) {
    return new Job(
        jobId, null, false, MissingNode.getInstance(), MissingNode.getInstance(), source);
  }

  private boolean passesFilters(Job job) {
    if (maxDrawdownPct != null) {
      JsonNode dd = job.metrics().get("max_drawdown_pct");
      if (dd == null || !dd.isNumber() || !(dd.asDouble() <= maxDrawdownPct)) {
        return false;
      }
    }
    if (minTrades != null) {
      JsonNode trades = job.metrics().get("total_trades");
      double n = trades != null && trades.isNumber() ? trades.asDouble() : 0;
      if (n < minTrades) {
        return false;
      }
    }
    return true;
  }
}
