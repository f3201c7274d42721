package dev.arbtune.spark;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.DuplicateJobIds;
import dev.arbtune.aggregate.PartialSummary;
import dev.arbtune.aggregate.ResultClassifier;
import dev.arbtune.aggregate.TuningResultsAggregator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The core aggregator's summary, computed by Spark over a results folder on any Hadoop path.
 *
 * <p>The driver lists the folder ({@link ResultListing}); the executors read the files, classify
 * every document with {@link ResultClassifier} (on the exact bytes, JSON Lines split as the local
 * aggregator splits them) and feed a {@link PartialSummary} each, holding only the counters, the
 * best jobs and the first errors. One shuffle brings together the documents of each job id (for the
 * duplicate warnings) and the partial summaries, which are merged into the summary that {@link
 * TuningResultsAggregator#summarize()} gives for the same folder: the same counts, filters,
 * ranking, errors and warnings, to the byte once written with {@link
 * dev.arbtune.aggregate.SummaryJson}.
 */
public final class SparkAggregate {

  private SparkAggregate() {}

  /**
   * Aggregates {@code resultsDir} with the settings of {@code aggregator} (ranking, filters,
   * limits, Pareto front); the aggregator's own results directory is not used.
   *
   * @param partitions how many tasks read the files; 0 for about one per 1,000 files, at least four
   *     per core of the cluster
   * @throws java.nio.file.NoSuchFileException when the results folder does not exist
   * @throws java.nio.file.NotDirectoryException when it is not a folder
   * @throws IOException when it cannot be listed
   */
  public static AggregatedSummary summarize(
      SparkSession spark, String resultsDir, TuningResultsAggregator aggregator, int partitions)
      throws IOException {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(resultsDir, "resultsDir");
    Objects.requireNonNull(aggregator, "aggregator");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = jsc.hadoopConfiguration();
    Path root = new Path(resultsDir);
    FileSystem fs = HadoopFiles.fileSystem(root, conf);
    ResultListing listing = ResultListing.of(fs, root, resultsDir);

    PartialSummary empty = aggregator.newPartial();
    Combined total = new Combined(empty, new DuplicateJobIds(empty.maxErrors()));
    if (!listing.files().isEmpty()) {
      int slices =
          partitions > 0
              ? partitions
              : (int)
                  Math.min(
                      listing.files().size(),
                      Math.max(4L * jsc.defaultParallelism(), listing.files().size() / 1000));
      Broadcast<HadoopConf> sharedConf = jsc.broadcast(new HadoopConf(conf));
      JavaPairRDD<Object, Object> scanned =
          jsc.parallelize(listing.files(), slices).mapPartitionsToPair(new Scan(sharedConf, empty));
      // Documents per job id, summed; partial summaries pass through under keys of their own.
      JavaPairRDD<Object, Object> reduced = scanned.reduceByKey(SparkAggregate::combine);
      total = reduced.aggregate(total, Combined::add, Combined::merge);
      sharedConf.destroy();
    }
    return total.partial.summary(total.duplicates, listing.warnings());
  }

  /**
   * Writes {@code text} as UTF-8 to {@code file}, any Hadoop path, replacing it atomically where
   * the file system renames atomically.
   *
   * @throws IOException when it cannot be written
   */
  public static void writeText(String file, String text) throws IOException {
    SparkSession spark = SparkSession.active();
    Path path = new Path(file);
    FileSystem fs = HadoopFiles.fileSystem(path, spark.sparkContext().hadoopConfiguration());
    HadoopFiles.writeAtomically(
        fs, fs.makeQualified(path), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Object combine(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x + y;
    }
    throw new IllegalStateException("one partial summary per key, got " + a + " and " + b);
  }

  /** The key of one task's partial summary (job ids are keyed by themselves, as strings). */
  record PartialKey(int partition) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The merged partial summaries and the documents per job id. */
  static final class Combined implements Serializable {
    private static final long serialVersionUID = 1L;

    final PartialSummary partial;
    final DuplicateJobIds duplicates;

    Combined(PartialSummary partial, DuplicateJobIds duplicates) {
      this.partial = partial;
      this.duplicates = duplicates;
    }

    Combined add(Tuple2<Object, Object> entry) {
      if (entry._1() instanceof String jobId) {
        duplicates.add(jobId, (Long) entry._2());
      } else {
        partial.merge((PartialSummary) entry._2());
      }
      return this;
    }

    Combined merge(Combined other) {
      partial.merge(other.partial);
      duplicates.merge(other.duplicates);
      return this;
    }
  }

  /**
   * Reads and classifies the files of one task: yields {@code (job id, 1)} per job and, last, the
   * task's partial summary. Files are read one at a time, JSON Lines files one block at a time.
   */
  static final class Scan
      implements PairFlatMapFunction<Iterator<ResultListing.ResultFile>, Object, Object> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<HadoopConf> conf;
    private final PartialSummary empty;

    Scan(Broadcast<HadoopConf> conf, PartialSummary empty) {
      this.conf = conf;
      this.empty = empty;
    }

    @Override
    public Iterator<Tuple2<Object, Object>> call(Iterator<ResultListing.ResultFile> files) {
      TaskContext task = TaskContext.get();
      int partition = task == null ? 0 : task.partitionId();
      return new Ids(files, conf.value().get(), empty, partition);
    }
  }

  /** The lazy iterator of one task. */
  private static final class Ids implements Iterator<Tuple2<Object, Object>> {
    private static final Long ONE = 1L;

    private final Iterator<ResultListing.ResultFile> files;
    private final Configuration conf;
    private final PartialSummary partial;
    private final int partition;
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private final ResultClassifier.Sink sink;
    private ResultClassifier.JsonLinesReader lines;
    private InputStream linesIn;
    private boolean partialSent;

    Ids(
        Iterator<ResultListing.ResultFile> files,
        Configuration conf,
        PartialSummary partial,
        int partition) {
      this.files = files;
      this.conf = conf;
      this.partial = partial;
      this.partition = partition;
      this.sink =
          new ResultClassifier.Sink() {
            @Override
            public void job(AggregatedJobResult job) {
              partial.job(job);
              ready.add(job.jobId());
            }

            @Override
            public void skipped(String location) {
              partial.skipped(location);
            }
          };
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty()) {
        try {
          if (lines != null) {
            if (!lines.next(sink)) {
              closeLines();
            }
          } else if (files.hasNext()) {
            read(files.next());
          } else {
            return !partialSent;
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return true;
    }

    @Override
    public Tuple2<Object, Object> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (!ready.isEmpty()) {
        return new Tuple2<>(ready.poll(), ONE);
      }
      partialSent = true;
      return new Tuple2<>(new PartialKey(partition), partial);
    }

    private void read(ResultListing.ResultFile file) throws IOException {
      Path path = new Path(file.path());
      if (file.jsonLines()) {
        try {
          linesIn = HadoopFiles.fileSystem(path, conf).open(path);
          lines = new ResultClassifier.JsonLinesReader(file.source(), linesIn);
        } catch (IOException e) {
          sink.job(
              ResultClassifier.unreadable(file.source(), 1, ResultClassifier.cannotReadFrom(1)));
        }
        return;
      }
      AggregatedJobResult job;
      try {
        byte[] bytes = HadoopFiles.readAll(HadoopFiles.fileSystem(path, conf), path);
        job = ResultClassifier.classify(file.source(), 0, bytes, 0, bytes.length);
      } catch (IOException e) {
        job = ResultClassifier.unreadable(file.source(), 0, e);
      }
      if (job == null) {
        sink.skipped(file.source());
      } else {
        sink.job(job);
      }
    }

    private void closeLines() throws IOException {
      lines = null;
      InputStream in = linesIn;
      linesIn = null;
      in.close();
    }
  }
}
