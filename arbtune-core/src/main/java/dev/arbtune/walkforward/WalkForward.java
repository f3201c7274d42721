package dev.arbtune.walkforward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.DurationText;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesDiskCache;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.io.Excerpt;
import dev.arbtune.plan.JobPlan;
import dev.arbtune.plan.PlanFile;
import dev.arbtune.plan.SessionConfig;
import dev.arbtune.plan.SessionConfigException;
import dev.arbtune.plan.SessionFile;
import dev.arbtune.plan.SessionPlanner;
import dev.arbtune.result.Json;
import dev.arbtune.result.Metric;
import dev.arbtune.run.QuotesSource;
import dev.arbtune.run.SessionListener;
import dev.arbtune.run.SessionOptions;
import dev.arbtune.run.SessionRunner;
import dev.arbtune.run.SessionSummary;
import dev.arbtune.sweep.RunRoots;
import dev.arbtune.sweep.Sweep;
import dev.arbtune.sweep.SweepConflictException;
import dev.arbtune.sweep.SweepLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A walk-forward in one output root ({@link WalkForwardLayout}): {@link #open} checks the session
 * and the data, makes the windows ({@link WindowPlan}), takes the root's lock and writes the train
 * plan (resuming an earlier walk-forward of the same inputs); {@link #runTrain} runs every job of
 * the session on every train window that holds quotes; {@link #runTest} picks each window's winner
 * with the aggregator and runs it on its test window; {@link #result} reads what the test runs made
 * and stitches them ({@link WalkForwardResult}). Resuming skips every finished job, so a finished
 * walk-forward run again runs no job.
 *
 * <pre>{@code
 * try (WalkForward wf = WalkForward.open(options, SessionListener.NONE)) {
 *   wf.runTrain(listener);
 *   wf.runTest(listener);
 *   WalkForwardResult r = wf.result();
 * }
 * }</pre>
 */
public final class WalkForward implements AutoCloseable {

  /** The reason of a window whose train window holds no quotes. */
  public static final String NO_TRAIN_QUOTES = "no quotes in the train window";

  /** The reason of a window whose test window holds no quotes. */
  public static final String NO_TEST_QUOTES = "no quotes in the test window";

  /** The reason of a window whose train jobs succeeded but none passed the filters. */
  public static final String NO_JOB_PASSED = "no job passed the filters";

  /** The reason of a test window not run because its train window has no winner. */
  public static final String NO_WINNER = "no winner in the train window";

  /**
   * What to walk forward and how.
   *
   * @param sessionFile the session file (YAML): its grid is run on every train window
   * @param outputRoot where everything goes ({@link WalkForwardLayout})
   * @param dataRoot against which a relative {@code data_file} is resolved
   * @param train the train duration as given ({@link DurationText}: {@code 3d}, {@code PT6H})
   * @param test the test duration as given
   * @param step how far the windows move, as given; {@code null} for {@code test}
   * @param anchored whether every train window starts at the span's start
   * @param parallelism jobs run at once
   * @param fresh start over: delete what an earlier walk-forward wrote in the root
   * @param durable force every result document to disk before renaming it into place
   * @param quotesCache the folder of binary copies of quotes files, or {@code null}
   * @param aggregatorFor the aggregator (ranking and filters) of one window's results folder
   * @param engine the backtest engine of the train and test jobs and of the stitched curve's
   *     replays ({@link Engine}); not part of the inputs record, since both engines give the same
   *     results: a walk-forward may be resumed under the other one
   */
  public record Options(
      Path sessionFile,
      Path outputRoot,
      Path dataRoot,
      String train,
      String test,
      String step,
      boolean anchored,
      int parallelism,
      boolean fresh,
      boolean durable,
      Path quotesCache,
      Function<Path, TuningResultsAggregator> aggregatorFor,
      Engine engine) {

    public Options {
      Objects.requireNonNull(sessionFile, "sessionFile");
      Objects.requireNonNull(outputRoot, "outputRoot");
      Objects.requireNonNull(dataRoot, "dataRoot");
      Objects.requireNonNull(train, "train");
      Objects.requireNonNull(test, "test");
      Objects.requireNonNull(aggregatorFor, "aggregatorFor");
      Objects.requireNonNull(engine, "engine");
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
      }
    }

    /** The step as given, or the test duration when none was. */
    public String stepText() {
      return step == null ? test : step;
    }
  }

  private final Options options;
  private final WalkForwardLayout layout;
  private final SessionPlanner planner;
  private final WindowPlan plan;
  private final Quotes quotes;
  private final QuotesCache cache;
  private final QuotesSource source;
  private final Sweep.RootLock lock;
  private final String dataFile;
  private boolean resumed;
  private final List<WindowResult.Builder> windows = new ArrayList<>();

  private WalkForward(
      Options options,
      WalkForwardLayout layout,
      SessionPlanner planner,
      WindowPlan plan,
      Quotes quotes,
      QuotesCache cache,
      QuotesSource source,
      Sweep.RootLock lock,
      String dataFile) {
    this.options = options;
    this.layout = layout;
    this.planner = planner;
    this.plan = plan;
    this.quotes = quotes;
    this.cache = cache;
    this.source = source;
    this.lock = lock;
    this.dataFile = dataFile;
    for (WindowPlan.Window w : plan.windows()) {
      windows.add(
          new WindowResult.Builder(
              w, count(w.trainStart(), w.trainEnd()), count(w.testStart(), w.testEnd())));
    }
  }

  /**
   * Checks the session, the durations and the data, locks the root and writes the train plan.
   *
   * @param joinListener hears of venue files being joined (a session naming venue files has them
   *     joined once, into {@link WalkForwardLayout#joined()}, before the windows are made)
   * @throws dev.arbtune.plan.SessionConfigException when the session file is invalid or its data
   *     file is not there
   * @throws WalkForwardException when a duration is invalid or no full window fits in the data
   * @throws SweepConflictException when the root holds another walk-forward's results (and {@code
   *     fresh} is not set), files no walk-forward made, or a sweep or walk-forward runs there
   * @throws IOException when the data or the root cannot be read or written
   */
  public static WalkForward open(Options options, SessionListener joinListener) throws IOException {
    long train = duration("--train", options.train());
    long test = duration("--test", options.test());
    String stepOption = options.step() == null ? "--step (default: --test)" : "--step";
    long step = duration(stepOption, options.stepText());
    SessionConfig session = SessionFile.load(options.sessionFile());
    Sweep.requireInputs(options.sessionFile(), session, options.dataRoot());
    WalkForwardLayout layout = new WalkForwardLayout(options.outputRoot());
    if (Files.exists(layout.root()) && !Files.isDirectory(layout.root())) {
      throw new SweepConflictException(layout.root() + " is not a folder");
    }
    RunRoots.checkForWalkforward(layout.root());
    QuotesDiskCache disk =
        options.quotesCache() == null
            ? null
            : new QuotesDiskCache(options.quotesCache(), joinListener::warning);
    QuotesCache cache = new QuotesCache(QuotesCache.defaultBudgetBytes(), disk);
    QuotesSource source =
        QuotesSource.local(cache, options.dataRoot(), layout.joined(), joinListener);
    BacktestConfig base = session.base();
    // A data file is read before anything is written (windows that do not fit leave no folder);
    // venue files are joined into the root, under its lock.
    Quotes early = base.venues() == null ? load(source, base) : null;
    WindowPlan earlyPlan =
        early == null ? null : windows(early, base, train, test, step, options, stepOption);
    Files.createDirectories(layout.root());
    Sweep.RootLock lock = Sweep.RootLock.acquire(layout.root(), "walkforward");
    try {
      RunRoots.checkForWalkforward(layout.root());
      Quotes quotes = early != null ? early : load(source, base);
      WindowPlan plan =
          earlyPlan != null
              ? earlyPlan
              : windows(quotes, base, train, test, step, options, stepOption);
      SessionPlanner planner = new SessionPlanner(session);
      String dataFile = base.venues() == null ? base.dataFile() : quotes.source();
      WalkForward wf =
          new WalkForward(options, layout, planner, plan, quotes, cache, source, lock, dataFile);
      wf.resumed = wf.preparePlan(base);
      return wf;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The session's quotes, loaded once (venue files joined). */
  private static Quotes load(QuotesSource source, BacktestConfig base) throws IOException {
    Quotes quotes;
    try {
      quotes = source.load(base);
    } catch (QuotesFormatException | ConfigException e) {
      throw new WalkForwardException("cannot read the session's quotes: " + e.getMessage());
    }
    if (quotes.size() == 0) {
      throw new WalkForwardException(quotes.source() + " holds no quotes: nothing to walk through");
    }
    return quotes;
  }

  /**
   * The windows over the quotes' span (first quote to last + 1 µs), narrowed by the session's
   * {@code start_time} and {@code end_time}.
   */
  private static WindowPlan windows(
      Quotes quotes,
      BacktestConfig base,
      long train,
      long test,
      long step,
      Options options,
      String stepOption) {
    Instant first = quotes.instant(0);
    Instant last = quotes.instant(quotes.size() - 1);
    Instant start = first;
    Instant end = last.plus(1, ChronoUnit.MICROS);
    String data = "the data's quotes run from " + first + " to " + last;
    if (base.startTime() != null && base.startTime().isAfter(last)) {
      throw outside(options, BacktestConfig.START_TIME, base.startTime(), "after", data);
    }
    if (base.endTime() != null && !base.endTime().isAfter(first)) {
      throw outside(options, BacktestConfig.END_TIME, base.endTime(), "before", data);
    }
    if (base.startTime() != null && base.startTime().isAfter(start)) {
      start = base.startTime();
    }
    String endText = "its last quote " + last;
    long shown = ChronoUnit.MICROS.between(start, last);
    if (base.endTime() != null && base.endTime().isBefore(end)) {
      end = base.endTime();
      endText = "the session's end_time " + end;
      shown = ChronoUnit.MICROS.between(start, end);
    }
    String spanText = "the data (" + start + " to " + endText + ", " + WindowPlan.text(shown) + ")";
    try {
      return WindowPlan.of(start, end, train, test, step, options.anchored(), spanText);
    } catch (WalkForwardException e) {
      String m = e.getMessage();
      if (!stepOption.equals("--step") && m.startsWith("--step ")) {
        // the user gave no --step: name where the step came from
        throw new WalkForwardException(stepOption + m.substring("--step".length()));
      }
      throw e;
    }
  }

  /** The session's {@code start_time} or {@code end_time} lies outside the data. */
  private static SessionConfigException outside(
      Options options, String field, Instant value, String where, String data) {
    return new SessionConfigException(
        options.sessionFile().toString(),
        SessionFile.lineOf(options.sessionFile(), field),
        field,
        value
            + " lies "
            + where
            + " the data's span ("
            + data
            + "), so no window fits; set it inside that span or remove it",
        null);
  }

  private static long duration(String option, String text) {
    if (text.strip().matches("0+")) {
      throw new WalkForwardException(option + " must be more than 0, got " + Excerpt.of(text));
    }
    try {
      return DurationText.parseMicros(text);
    } catch (IllegalArgumentException e) {
      throw new WalkForwardException(option + ": " + e.getMessage());
    }
  }

  /** Quotes in {@code [from, to)}. */
  private int count(Instant from, Instant to) {
    return quotes.firstIndexAtOrAfter(to) - quotes.firstIndexAtOrAfter(from);
  }

  /** The windows. */
  public WindowPlan plan() {
    return plan;
  }

  /**
   * The end of the span for messages: the last quote's time, or the session's {@code end_time} when
   * that ends the span earlier ({@link WindowPlan#end()} is 1 µs after the last quote).
   */
  public Instant dataEndShown() {
    Instant last = quotes.instant(quotes.size() - 1);
    return plan.end().isAfter(last) ? last : plan.end();
  }

  /** The session's quotes, as the jobs share them (for tests). */
  Quotes quotes() {
    return quotes;
  }

  /** Where everything is. */
  public WalkForwardLayout layout() {
    return layout;
  }

  /** Whether an earlier walk-forward of the same inputs was found and is continued. */
  public boolean resumed() {
    return resumed;
  }

  /** Jobs of the train plan: the session's jobs times the windows whose train holds quotes. */
  public long trainJobs() {
    return planner.jobCount() * windows.stream().filter(w -> w.trainQuotes > 0).count();
  }

  /**
   * Writes the train plan and the inputs record, deciding whether an earlier walk-forward of the
   * same plan and inputs is continued (as {@link Sweep} does for a sweep's root).
   */
  private boolean preparePlan(BacktestConfig base) throws IOException {
    long total = trainJobs();
    if (total > SessionConfig.MAX_JOBS) {
      throw new WalkForwardException(
          "the walk-forward would run "
              + total
              + " train jobs ("
              + planner.jobCount()
              + " jobs on each of "
              + total / planner.jobCount()
              + " windows), more than the limit of "
              + SessionConfig.MAX_JOBS
              + "; give a longer --step or a smaller grid");
    }
    SweepLayout trainLayout = layout.train();
    SweepLayout testLayout = layout.test();
    Path candidate = layout.trainPlanCandidate();
    Files.createDirectories(trainLayout.root());
    Files.deleteIfExists(candidate);
    try {
      AtomicFiles.writeText(candidate, w -> writeTrainPlan(w));
      String inputs = inputsRecord(base);
      boolean ours = Files.isRegularFile(layout.inputs());
      if (!ours) {
        for (Path p :
            List.of(
                trainLayout.plan(),
                trainLayout.results(),
                testLayout.plan(),
                testLayout.results(),
                layout.json())) {
          if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new SweepConflictException(
                layout.root()
                    + " holds "
                    + p
                    + " but no walkforward-inputs.json, so no walk-forward made it and not even"
                    + " --fresh deletes it; move it away or use another output folder");
          }
        }
      }
      boolean same =
          ours
              && Files.isRegularFile(trainLayout.plan())
              && Files.mismatch(candidate, trainLayout.plan()) == -1
              && Files.readString(layout.inputs(), StandardCharsets.UTF_8).equals(inputs);
      if (ours && (!same || options.fresh())) {
        if (!options.fresh()) {
          throw new SweepConflictException(
              layout.root()
                  + " holds the results of a different walk-forward ("
                  + changes(layout.inputs(), inputs)
                  + "); give --fresh to delete them and start over, or use another output folder");
        }
        deleteOwn(trainLayout);
        deleteOwn(testLayout);
        // the record goes last: a walk-forward killed meanwhile still finds its own root
        for (Path p :
            List.of(
                trainLayout.plan(),
                testLayout.plan(),
                layout.json(),
                layout.report(),
                layout.inputs())) {
          Files.deleteIfExists(p);
        }
      }
      AtomicFiles.writeText(layout.inputs(), w -> w.write(inputs), false);
      Files.move(candidate, trainLayout.plan(), StandardCopyOption.REPLACE_EXISTING);
      return same && !options.fresh();
    } finally {
      Files.deleteIfExists(candidate);
    }
  }

  /**
   * What changed between the inputs record in {@code file} and {@code inputs}: each setting whose
   * value differs, old and new; the session's grid when none does (the train plan differs).
   *
   * @throws SweepConflictException when {@code file} cannot be read as the record (naming it and
   *     the cause)
   */
  private static String changes(Path file, String inputs) throws IOException {
    ObjectMapper json = new ObjectMapper(Json.factory());
    Map<String, Object> now = json.readValue(inputs, new TypeReference<Map<String, Object>>() {});
    Map<String, Object> before;
    try {
      before = json.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new SweepConflictException(
          file
              + " cannot be read ("
              + Excerpt.of(e.getOriginalMessage())
              + "), so whether the results there can be resumed is unknown; give --fresh to"
              + " delete what the walk-forward wrote and start over, or use another output folder");
    }
    List<String> changed = new ArrayList<>();
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(before.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      Object was = before.get(key);
      Object is = now.get(key);
      if (!Objects.equals(was, is)) {
        changed.add(
            key
                + " changed from "
                + Excerpt.of(String.valueOf(was))
                + " to "
                + Excerpt.of(String.valueOf(is)));
      }
    }
    return changed.isEmpty()
        ? "the session's grid changed: its train plan differs"
        : String.join("; ", changed);
  }

  /** Deletes a plan's results, only what it made ({@link Sweep#deleteOwnResults}). */
  private static void deleteOwn(SweepLayout part) throws IOException {
    if (Files.isRegularFile(part.plan())) {
      Sweep.deleteOwnResults(part, "the walk-forward");
    } else if (Files.exists(part.results(), LinkOption.NOFOLLOW_LINKS)) {
      throw new SweepConflictException(
          "--fresh would delete "
              + part.results()
              + ", but there is no plan beside it saying what it holds; nothing was deleted: move"
              + " it away, or use another output folder");
    }
  }

  private void writeTrainPlan(java.io.Writer w) throws IOException {
    for (WindowResult.Builder window : windows) {
      if (window.trainQuotes == 0) {
        continue;
      }
      String folder = folder(window.window.index());
      WindowPlan.Window win = window.window;
      try (Stream<JobPlan> jobs = planner.streamJobs()) {
        PlanFile.write(
            w,
            jobs.map(
                j ->
                    new JobPlan(
                        folder + "-" + j.jobId(),
                        within(j.config(), win.trainStart(), win.trainEnd()),
                        folder + "/" + j.outputJson())));
      }
    }
  }

  private String folder(int index) {
    return WalkForwardLayout.windowFolder(index, plan.windows().size());
  }

  /** {@code config} restricted to {@code [start, end)}. */
  static BacktestConfig within(BacktestConfig config, Instant start, Instant end) {
    return new BacktestConfig(
        config.dataFile(),
        config.minSpreadBps(),
        config.takerFeeABps(),
        config.takerFeeBBps(),
        config.slippageBps(),
        config.maxPositionUsd(),
        config.maxOpenTrades(),
        config.initialBalanceUsd(),
        config.stopOnDrawdownPct(),
        config.tag(),
        start,
        end,
        config.timeUnit(),
        config.venues(),
        config.pnlBlocks());
  }

  private String inputsRecord(BacktestConfig base) throws IOException {
    Map<String, Object> record = new LinkedHashMap<>(Sweep.inputFiles(base, options.dataRoot()));
    // durations by value: --train 72h resumes what --train 3d wrote
    record.put("train", WindowPlan.text(DurationText.parseMicros(options.train())));
    record.put("test", WindowPlan.text(DurationText.parseMicros(options.test())));
    record.put("step", WindowPlan.text(DurationText.parseMicros(options.stepText())));
    record.put("anchored", options.anchored());
    TuningResultsAggregator any = options.aggregatorFor().apply(layout.train().results());
    record.put("ranking", rankingMap(any));
    record.put("filters", filterTexts(any));
    return Json.prettyWriter().writeValueAsString(record) + "\n";
  }

  static Map<String, Object> rankingMap(TuningResultsAggregator aggregator) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", aggregator.ranking().metric());
    m.put("order", aggregator.ranking().order().toString().toLowerCase(java.util.Locale.ROOT));
    return m;
  }

  /** The filters as text: {@code name=value}, and each {@code --filter} expression as given. */
  static List<String> filterTexts(TuningResultsAggregator aggregator) {
    List<String> texts = new ArrayList<>();
    aggregator
        .filters()
        .forEach(
            (name, value) -> {
              if (value instanceof List<?> list) {
                list.forEach(e -> texts.add(String.valueOf(e)));
              } else {
                texts.add(name + "=" + value);
              }
            });
    return texts;
  }

  private SessionOptions.Builder runOptions(SweepLayout part) {
    return SessionOptions.builder(part.plan(), part.results())
        .dataRoot(options.dataRoot())
        .parallelism(options.parallelism())
        .resume(true)
        .durable(options.durable())
        .joinedFolder(layout.joined())
        .engine(options.engine());
  }

  /**
   * Runs the train plan: every job on every train window that holds quotes (finished jobs of an
   * earlier run are skipped).
   */
  public SessionSummary runTrain(SessionListener listener) throws IOException {
    return new SessionRunner(runOptions(layout.train()).build(), cache).run(listener);
  }

  /**
   * Picks each window's winner from its train results (rank 1 of the aggregator's ranking among the
   * jobs that pass its filters), writes the test plan (the winners on their test windows) and runs
   * it. Call after {@link #runTrain} has run every job.
   *
   * @return what the test run did; {@code null} when no window has a test to run
   */
  public SessionSummary runTest(SessionListener listener) throws IOException {
    List<JobPlan> tests = new ArrayList<>();
    for (WindowResult.Builder w : windows) {
      pickWinner(w);
      if (w.winner != null && w.testQuotes > 0) {
        BacktestConfig config;
        try {
          config = BacktestConfig.fromMap(w.winner.config());
        } catch (RuntimeException e) {
          w.noTestReason = "the winner's config cannot be run again: " + e.getMessage();
          continue;
        }
        String folder = folder(w.window.index());
        JobPlan job =
            new JobPlan(
                folder + "-" + w.winner.jobId(),
                within(config, w.window.testStart(), w.window.testEnd()),
                folder + "/" + w.winnerOutput);
        w.testOutput = job.outputJson();
        w.testJobId = job.jobId();
        tests.add(job);
      }
    }
    SweepLayout part = layout.test();
    Files.createDirectories(part.root());
    Path candidate = part.root().resolve(".jobs.jsonl.new");
    PlanFile.write(candidate, tests.stream());
    if (Files.isRegularFile(part.plan()) && Files.mismatch(candidate, part.plan()) != -1) {
      Sweep.deleteOwnResults(part); // other winners than last time: their documents are stale
    }
    Files.move(candidate, part.plan(), StandardCopyOption.REPLACE_EXISTING);
    if (tests.isEmpty()) {
      return null;
    }
    return new SessionRunner(runOptions(part).build(), cache).run(listener);
  }

  private void pickWinner(WindowResult.Builder w) throws IOException {
    if (w.trainQuotes == 0) {
      w.noWinnerReason = NO_TRAIN_QUOTES;
      w.noTestReason = NO_WINNER;
      return;
    }
    Path results = layout.train().results().resolve(folder(w.window.index()));
    TuningResultsAggregator aggregator = options.aggregatorFor().apply(results);
    AggregatedSummary summary = aggregator.summarize();
    w.trainJobs = summary.totalJobs();
    w.trainSucceeded = summary.successJobs();
    w.trainPassed = summary.matchedJobs();
    w.problems = summary.hasProblems();
    if (summary.top().isEmpty()) {
      w.noWinnerReason =
          summary.successJobs() == 0
              ? "no train job succeeded ("
                  + summary.errorJobs()
                  + " failed; their documents are in "
                  + layout.root().relativize(results)
                  + ")"
              : NO_JOB_PASSED;
      w.noTestReason = NO_WINNER;
      return;
    }
    AggregatedJobResult best = summary.top().get(0);
    String prefix = folder(w.window.index()) + "-";
    String id =
        best.jobId().startsWith(prefix) ? best.jobId().substring(prefix.length()) : best.jobId();
    w.winnerOutput = best.source();
    w.winner =
        new WindowResult.Winner(
            id,
            best.config(),
            best.metrics(),
            layout.root().relativize(results.resolve(best.source())).toString().replace('\\', '/'));
    w.winnerNote = noTradeNote(summary.top(), aggregator.ranking().metric());
    if (w.testQuotes == 0) {
      w.noTestReason = NO_TEST_QUOTES;
    }
  }

  /**
   * The note on a winner that made no trade in its train window ({@code total_trades} 0), saying
   * whether it was picked by job id among jobs tied on the ranking metric (seen from the runner-up
   * in {@code top}); {@code null} for a winner that traded.
   */
  static String noTradeNote(List<AggregatedJobResult> top, String metric) {
    AggregatedJobResult best = top.get(0);
    Object trades = best.metrics().get(Metric.TOTAL_TRADES.key());
    if (!(trades instanceof Number n) || n.doubleValue() != 0) {
      return null;
    }
    boolean tied =
        top.size() > 1 && sameValue(best.metrics().get(metric), top.get(1).metrics().get(metric));
    return "no trade in the train window"
        + (tied ? ": picked by job id among jobs tied on " + metric : "");
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return Objects.equals(a, b);
  }

  /**
   * Reads the test documents, re-runs each tested winner for its equity and stitches the windows.
   * Call after {@link #runTest}.
   */
  public WalkForwardResult result() throws IOException {
    StitchedEquity equity = new StitchedEquity();
    List<String> curveProblems = new ArrayList<>();
    List<WindowResult> done = new ArrayList<>();
    String previous = null;
    for (WindowResult.Builder w : windows) {
      if (w.testOutput != null) {
        readTest(w);
        if (w.testMetrics != null) {
          String problem =
              equity.add(w.testConfig, w.testMetrics, w.testJobId, source, options.engine());
          if (problem != null) {
            curveProblems.add("window " + w.window.index() + ": " + problem);
          }
        }
      }
      if (w.winner != null) {
        w.winnerChanged = previous == null ? null : !previous.equals(w.winner.jobId());
        previous = w.winner.jobId();
      }
      done.add(w.build());
    }
    return WalkForwardResult.of(options, plan, done, equity, curveProblems, dataFile);
  }

  private void readTest(WindowResult.Builder w) throws IOException {
    Path doc = layout.test().results().resolve(w.testOutput);
    w.testDocument = layout.root().relativize(doc).toString().replace('\\', '/');
    if (!Files.isRegularFile(doc)) {
      w.noTestReason = "the test job did not run (interrupted?); run the same command again";
      return;
    }
    Path folder = doc.getParent();
    for (AggregatedJobResult job : TuningResultsAggregator.of(folder).loadResults()) {
      if (!job.source().equals(doc.getFileName().toString())) {
        continue;
      }
      if (job.isSuccess()) {
        w.testMetrics = job.metrics();
        w.testConfig = job.config();
      } else {
        w.noTestReason = "the test job failed: " + job.error().message();
      }
      return;
    }
  }

  /** Releases the root's lock. */
  @Override
  public void close() throws IOException {
    lock.close();
  }
}
