package dev.arbtune.spark;

import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.QuotesDiskCache;
import dev.arbtune.io.IoMessages;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultReader;
import dev.arbtune.run.JobDocument;
import dev.arbtune.run.JobRunner;
import dev.arbtune.run.OutputPaths;
import dev.arbtune.run.PlanLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Runs a JSONL plan on Spark: the plan's lines are numbered, spread over the executors, and each
 * job is run by the core library exactly as {@code arbtune run} runs it ({@link PlanLine#parse},
 * {@link OutputPaths}, {@link JobDocument}), writing the same result document at the same place:
 * {@code OUTPUT_ROOT/<output_json>}, or {@code _invalid_plan_lines/line_N.json} for a line without
 * a usable path. Documents are written atomically (temporary file, then rename). With {@code
 * resume}, a job whose document already is a success document of the same job id and config is
 * skipped (as {@code arbtune run --resume} decides it), so a re-run finishes an interrupted sweep;
 * the output root can be continued by either runner.
 *
 * <p>Quotes are read from any Hadoop path every executor can reach, once per executor JVM. With
 * {@link SweepOptions#quotesCache()}, each executor keeps their parsed columns in that local folder
 * ({@link QuotesDiskCache}, keyed by the file's qualified URI, length and modification time), so
 * that later sweeps map them instead of parsing the CSV; a folder an executor cannot write is one
 * warning in its log, and it reads the CSV files.
 *
 * <pre>{@code
 * SweepSummary s = SparkSweep.run(spark, new SweepOptions("hdfs:///plans/s1.jsonl",
 *     "hdfs:///results/s1", "hdfs:///quotes", true, 0));
 * }</pre>
 */
public final class SparkSweep {

  private SparkSweep() {}

  /**
   * Runs every job of the plan.
   *
   * @throws NoSuchFileException when the plan does not exist
   * @throws IOException when the plan or the output root cannot be reached
   */
  public static SweepSummary run(SparkSession spark, SweepOptions options) throws IOException {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = jsc.hadoopConfiguration();

    Path plan = new Path(options.plan());
    FileSystem planFs = HadoopFiles.fileSystem(plan, conf);
    if (!planFs.exists(plan)) {
      throw new NoSuchFileException(options.plan(), null, "plan not found");
    }
    plan = planFs.makeQualified(plan);
    Path outputRoot = new Path(options.outputRoot());
    FileSystem outFs = HadoopFiles.fileSystem(outputRoot, conf);
    outputRoot = outFs.makeQualified(outputRoot);
    Path dataRoot;
    if (options.dataRoot() == null) {
      FileSystem defaultFs = FileSystem.get(conf);
      dataRoot = defaultFs.makeQualified(defaultFs.getWorkingDirectory());
    } else {
      Path given = new Path(options.dataRoot());
      dataRoot = HadoopFiles.fileSystem(given, conf).makeQualified(given);
    }
    HadoopFiles.removeTemporaryFiles(outFs, outputRoot);

    // Number the lines as the local runner does: 1-based, blank lines counted but not run.
    JavaPairRDD<String, Long> numbered = jsc.textFile(plan.toString()).zipWithIndex();
    JavaRDD<Tuple2<Long, String>> jobs =
        numbered
            .map(t -> new Tuple2<>(t._2() + 1, stripBom(t._2(), t._1())))
            .filter(t -> !t._2().isBlank())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long total = jobs.count();
      if (total == 0) {
        return new SweepSummary(0, 0, 0, 0, List.of(), (System.nanoTime() - started) / 1e9);
      }
      int partitions =
          options.partitions() > 0
              ? options.partitions()
              : (int) Math.min(total, Math.max(1, 4L * jsc.defaultParallelism()));
      Broadcast<HadoopConf> sharedConf = jsc.broadcast(new HadoopConf(conf));
      Runner runner =
          new Runner(
              sharedConf,
              outputRoot.toString(),
              dataRoot.toString(),
              options.dataRoot(),
              options.resume(),
              options.quotesCache(),
              options.engine());
      SweepSummary.Tally tally =
          jobs.repartition(partitions).mapPartitions(runner).reduce(SweepSummary.Tally::merge);
      sharedConf.destroy();
      return tally.summary(total, (System.nanoTime() - started) / 1e9);
    } finally {
      jobs.unpersist(false);
    }
  }

  private static String stripBom(long index, String text) {
    return index == 0 && text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Runs the jobs of one task: what travels to the executors. */
  static final class Runner
      implements FlatMapFunction<Iterator<Tuple2<Long, String>>, SweepSummary.Tally>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final java.nio.file.Path HERE = java.nio.file.Path.of("");
    private static final Logger LOG = LoggerFactory.getLogger(SparkSweep.class);

    private final Broadcast<HadoopConf> conf;
    private final String outputRoot;
    private final String dataRoot;
    private final String givenDataRoot;
    private final boolean resume;
    private final String quotesCache;
    private final Engine engine;

    Runner(
        Broadcast<HadoopConf> conf,
        String outputRoot,
        String dataRoot,
        String givenDataRoot,
        boolean resume,
        String quotesCache,
        Engine engine) {
      this.conf = conf;
      this.outputRoot = outputRoot;
      this.dataRoot = dataRoot;
      this.givenDataRoot = givenDataRoot;
      this.resume = resume;
      this.quotesCache = quotesCache;
      this.engine = engine;
    }

    @Override
    public Iterator<SweepSummary.Tally> call(Iterator<Tuple2<Long, String>> lines)
        throws IOException {
      Configuration c = conf.value().get();
      Path root = new Path(outputRoot);
      FileSystem fs = HadoopFiles.fileSystem(root, c);
      QuotesDiskCache disk =
          quotesCache == null
              ? null
              : new QuotesDiskCache(
                  java.nio.file.Path.of(quotesCache), message -> LOG.warn("arbtune: {}", message));
      HadoopQuotes quotes = new HadoopQuotes(new Path(dataRoot), givenDataRoot, c, disk);
      ResultReader reader = new ResultReader();
      SweepSummary.Tally tally = new SweepSummary.Tally();
      while (lines.hasNext()) {
        Tuple2<Long, String> next = lines.next();
        run(PlanLine.parse(next._1(), next._2()), root, fs, quotes, reader, tally);
      }
      return List.of(tally).iterator();
    }

    /** One job, as {@link dev.arbtune.run.JobRunner#run} runs it. */
    private void run(
        PlanLine line,
        Path root,
        FileSystem fs,
        HadoopQuotes quotes,
        ResultReader reader,
        SweepSummary.Tally tally) {
      String problem = line.problem();
      java.nio.file.Path relative = null;
      if (line.outputJson() != null) {
        try {
          relative = OutputPaths.resolve(HERE, line.outputJson());
        } catch (IllegalArgumentException e) {
          problem = problem == null ? e.getMessage() : problem;
        }
      }
      if (relative == null) {
        relative = OutputPaths.forInvalidLine(HERE, line.lineNumber());
      }
      Path target = HadoopFiles.child(root, slashes(relative));
      if (resume && isFinished(fs, target, line, reader)) {
        tally.skipped++;
        return;
      }
      JobDocument doc = JobDocument.of(line, problem, quotes, engine);
      String prefix = "plan line " + line.lineNumber() + ": ";
      if (doc.isSuccess()) {
        try {
          HadoopFiles.writeAtomically(fs, target, bytes(doc));
          tally.success++;
          return;
        } catch (IOException e) {
          doc =
              new JobDocument(
                  line.lineNumber(),
                  line.jobId(),
                  doc.config(),
                  null,
                  prefix
                      + IoMessages.cannotWrite(
                          "the result " + HadoopFiles.display(target), JobRunner.describe(e)),
                  null);
        }
      }
      String message = doc.error();
      boolean documented = true;
      try {
        HadoopFiles.writeAtomically(fs, target, bytes(doc));
      } catch (IOException e) {
        documented = false;
        if (!message.contains("cannot write")) {
          message +=
              "; and cannot write the error document "
                  + HadoopFiles.display(target)
                  + ": "
                  + JobRunner.describe(e);
        }
      }
      tally.error(line.lineNumber(), message, documented);
    }

    /**
     * Whether {@code file} already holds this line's result, as the local runner decides it ({@link
     * JobDocument#isFinished}: a success document of the same job id and config).
     */
    private static boolean isFinished(
        FileSystem fs, Path file, PlanLine line, ResultReader reader) {
      try {
        if (!fs.getFileStatus(file).isFile()) {
          return false;
        }
        try (InputStream in = fs.open(file)) {
          ResultDocument doc = reader.read(in);
          return JobDocument.isFinished(line, doc);
        }
      } catch (IOException | RuntimeException | dev.arbtune.result.ResultFormatException e) {
        return false;
      }
    }

    private static byte[] bytes(JobDocument doc) throws IOException {
      byte[] plain = doc.plainBytes(); // a success laid out without its maps, as JobRunner does
      if (plain != null) {
        return plain;
      }
      StringWriter text = new StringWriter(2048);
      doc.writeTo(text);
      return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String slashes(java.nio.file.Path relative) {
      StringBuilder s = new StringBuilder();
      for (java.nio.file.Path part : relative) {
        if (s.length() > 0) {
          s.append('/');
        }
        s.append(part);
      }
      return s.toString();
    }
  }
}
