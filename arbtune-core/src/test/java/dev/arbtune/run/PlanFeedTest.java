package dev.arbtune.run;

import static dev.arbtune.run.RunFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The plan as the workers take it ({@link PlanFeed}): one line at a time, in line order, with the
 * claims a single reading thread made, and a failure to read it kept for the end.
 */
class PlanFeedTest {

  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  private final SessionListener listener =
      new SessionListener() {
        @Override
        public void warning(String message) {
          warnings.add(message);
        }
      };

  private static BufferedReader reader(String text) {
    return new BufferedReader(new StringReader(text));
  }

  private static String plan(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private List<PlanFeed.Job> drain(PlanFeed feed) {
    List<PlanFeed.Job> jobs = new ArrayList<>();
    PlanFeed.Job job;
    while ((job = feed.next()) != null) {
      jobs.add(job);
    }
    return jobs;
  }

  @Test
  void handsOutNonBlankLinesInOrderWithTheirLineNumbers() throws IOException {
    String text =
        "\uFEFF"
            + plan(
                line("a", "q.csv", "a.json", ""),
                "",
                "  ",
                line("b", "q.csv", "b.json", ""),
                line("c", "q.csv", "c.json", ""));
    try (PlanFeed feed =
        new PlanFeed(reader(text), Long.MAX_VALUE, new SessionControl(), listener)) {
      List<PlanFeed.Job> jobs = drain(feed);

      assertThat(jobs).extracting(j -> j.line().jobId()).containsExactly("a", "b", "c");
      assertThat(jobs).extracting(j -> j.line().lineNumber()).containsExactly(1L, 4L, 5L);
      assertThat(jobs).allSatisfy(j -> assertThat(j.line().problem()).isNull());
      assertThat(feed.taken()).isEqualTo(3);
      assertThat(feed.next()).as("after the end").isNull();
      feed.rethrow(); // nothing to throw
    }
  }

  @Test
  void aLaterClaimOfTheSameOutputIsItsProblemAndARepeatedJobIdAWarning() throws IOException {
    String text =
        plan(
            line("a", "q.csv", "s/a.json", ""),
            line("a", "q.csv", "s/./a.json", ""),
            line("b", "q.csv", "s/b.json", ""));
    try (PlanFeed feed =
        new PlanFeed(reader(text), Long.MAX_VALUE, new SessionControl(), listener)) {
      List<PlanFeed.Job> jobs = drain(feed);

      assertThat(jobs.get(0).problem()).isNull();
      assertThat(jobs.get(1).problem())
          .startsWith("output_json s/./a.json is already the output_json of plan line 1");
      assertThat(jobs.get(2).problem()).isNull();
      assertThat(warnings)
          .containsExactly(
              "plan line 2: job_id a is also the job_id of plan line 1 (the aggregator reports"
                  + " such jobs as duplicates)");
    }
  }

  @Test
  void stopsAtMaxJobsWithoutReadingFurther() throws IOException {
    List<String> read = new ArrayList<>();
    String text = plan(line("a", "q.csv", "a.json", ""), line("b", "q.csv", "b.json", ""));
    BufferedReader counting =
        new BufferedReader(new StringReader(text)) {
          @Override
          public String readLine() throws IOException {
            String l = super.readLine();
            read.add(l);
            return l;
          }
        };
    try (PlanFeed feed = new PlanFeed(counting, 1, new SessionControl(), listener)) {
      assertThat(drain(feed)).hasSize(1);
      assertThat(read).hasSize(1);
      assertThat(feed.taken()).isEqualTo(1);
    }
  }

  @Test
  void aStopRequestedEndsTheFeed() throws IOException {
    SessionControl control = new SessionControl();
    String text = plan(line("a", "q.csv", "a.json", ""), line("b", "q.csv", "b.json", ""));
    try (PlanFeed feed = new PlanFeed(reader(text), Long.MAX_VALUE, control, listener)) {
      assertThat(feed.next()).isNotNull();
      control.requestStop();
      assertThat(feed.next()).isNull();
      assertThat(feed.taken()).isEqualTo(1);
    }
  }

  @Test
  void aReadFailureEndsTheFeedAndIsThrownAtTheEnd() throws IOException {
    String first = line("a", "q.csv", "a.json", "") + "\n";
    Reader failing =
        new Reader() {
          private final StringReader head = new StringReader(first);

          @Override
          public int read(char[] buf, int off, int len) throws IOException {
            int n = head.read(buf, off, len);
            if (n > 0) {
              return n;
            }
            throw new IOException("Input/output error");
          }

          @Override
          public void close() {}
        };
    try (PlanFeed feed =
        new PlanFeed(
            new BufferedReader(failing, 16), Long.MAX_VALUE, new SessionControl(), listener)) {
      assertThat(feed.next()).isNotNull();
      assertThat(feed.next()).isNull();
      assertThat(feed.next()).as("ended for every worker").isNull();
      assertThatThrownBy(feed::rethrow)
          .isInstanceOf(IOException.class)
          .hasMessage("Input/output error");
    }
  }

  @Test
  void workersTakingLinesAtOnceGetEachLineOnce() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      lines.add(line("j" + i, "q.csv", "j" + i + ".json", ""));
    }
    ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
    try (PlanFeed feed =
        new PlanFeed(
            reader(String.join("\n", lines)), Long.MAX_VALUE, new SessionControl(), listener)) {
      Thread[] workers = new Thread[4];
      for (int w = 0; w < workers.length; w++) {
        workers[w] =
            new Thread(
                () -> {
                  PlanFeed.Job job;
                  while ((job = feed.next()) != null) {
                    taken.add(job.line().lineNumber());
                  }
                });
        workers[w].start();
      }
      for (Thread w : workers) {
        w.join();
      }
      assertThat(taken).hasSize(2000).doesNotHaveDuplicates();
      assertThat(feed.taken()).isEqualTo(2000);
      assertThat(warnings).isEmpty();
    }
  }
}
