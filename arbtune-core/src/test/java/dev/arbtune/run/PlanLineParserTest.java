package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.plan.JobPlan;
import dev.arbtune.plan.SessionFile;
import dev.arbtune.plan.SessionPlanner;
import dev.arbtune.result.PlanLineFields;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.RepoFiles;
import dev.arbtune.testing.Tries;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@link PlanLineParser} to its promise: a line it reads gives the very map Jackson's reader
 * ({@link PlanLine#reader()}) gives (same keys in the same order, same values of the same classes,
 * doubles to the bit), and {@link PlanLine#parse} gives the same {@link PlanLine} as Jackson alone
 * ({@link PlanLine#parseWithJackson}), problem text included, over the planner's lines for the
 * shipped sessions and over random lines of every value kind, spelled in every way JSON allows and
 * many it does not; and {@link PlanLine#parse} takes the fast path.
 */
class PlanLineParserTest {

  /** Checks the promise for one line; returns whether the fast path read it. */
  static boolean assertParsesLikeJackson(String text) {
    String shown = show(text);
    Map<String, Object> fast = PlanLineParser.parse(text);
    if (fast != null) {
      Object jackson;
      try {
        jackson = PlanLine.reader().readValue(text);
      } catch (IOException e) {
        return fail("the fast path read %s, but Jackson failed: %s", shown, e.getMessage());
      }
      assertSameJson(jackson, fast, "", shown);
    }
    PlanLine expected = PlanLine.parseWithJackson(7, text);
    PlanLine actual = PlanLine.parse(7, text);
    assertThat(actual).as(shown).isEqualTo(expected);
    assertThat(actual.problem()).as(shown).isEqualTo(expected.problem());
    assertSameJson(expected.rawConfig(), actual.rawConfig(), "config", shown);
    return fast != null;
  }

  /** Equal values of the same classes, maps in the same order, doubles to the bit. */
  private static void assertSameJson(Object expected, Object actual, String path, String shown) {
    String where = "at " + (path.isEmpty() ? "the top" : path) + " of " + shown;
    if (expected == null) {
      assertThat(actual).as(where).isNull();
      return;
    }
    assertThat(actual).as(where).isNotNull();
    assertThat(actual.getClass()).as(where).isEqualTo(expected.getClass());
    if (expected instanceof Map<?, ?> e) {
      Map<?, ?> a = (Map<?, ?>) actual;
      assertThat(new ArrayList<>(a.keySet())).as(where).isEqualTo(new ArrayList<>(e.keySet()));
      for (Map.Entry<?, ?> entry : e.entrySet()) {
        assertSameJson(entry.getValue(), a.get(entry.getKey()), path + "." + entry.getKey(), shown);
      }
    } else if (expected instanceof List<?> e) {
      List<?> a = (List<?>) actual;
      assertThat(a).as(where).hasSameSizeAs(e);
      for (int k = 0; k < e.size(); k++) {
        assertSameJson(e.get(k), a.get(k), path + "[" + k + "]", shown);
      }
    } else if (expected instanceof Double d) {
      assertThat(Double.doubleToRawLongBits((Double) actual))
          .as("%s: %s", where, actual)
          .isEqualTo(Double.doubleToRawLongBits(d));
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }

  private static String show(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints()
        .limit(300)
        .forEach(
            c -> {
              if (c < 0x20
                  || c == 0x7f
                  || (c >= 0x80 && c < 0xa0)
                  || Character.isSurrogate((char) c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return "'" + b + (text.length() > 300 ? "...' (" + text.length() + " characters)" : "'");
  }

  // ---------------------------------------------------------------------------------------------
  // The planner's lines, and the path parse takes

  /** The shipped session files, planned as {@code arbtune plan} plans them. */
  private static List<String> plannedLines() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String session :
        List.of(
            "examples/session.yaml",
            "examples/sess001.yaml",
            "examples/eurusd-fees.yaml",
            "examples/eurusd-fees-doubled.yaml",
            "examples/eurusd-walkforward.yaml",
            "examples/venues.yaml",
            "bench/engines-sparse.yaml",
            "bench/engines-busy.yaml")) {
      for (JobPlan job :
          new SessionPlanner(SessionFile.load(RepoFiles.of(session))).generateJobs()) {
        lines.add(job.toJsonLine());
      }
    }
    return lines;
  }

  @Test
  void everyLineOfTheShippedSessionsIsReadByTheFastPathAsJacksonReadsIt() throws IOException {
    List<String> lines = plannedLines();
    assertThat(lines).hasSizeGreaterThan(10_000);
    for (String line : lines) {
      assertThat(assertParsesLikeJackson(line)).as("declined %s", line).isTrue();
    }
  }

  @Test
  void parseTakesTheFastPathForPlannedLinesAndJacksonForTheRest() throws IOException {
    List<String> lines = plannedLines().subList(0, 500);
    long before = PlanLineParser.READ.sum();
    for (String line : lines) {
      assertThat(PlanLine.parse(1, line).isValid()).isTrue();
    }
    assertThat(PlanLineParser.READ.sum() - before).isEqualTo(lines.size());

    // Jackson's messages for what the fast path declines: a repeated key, invalid JSON.
    long declinedBefore = PlanLineParser.READ.sum();
    String line = lines.get(0);
    String repeated = line.replace("\"job_id\":", "\"job_id\":\"x\",\"job_id\":");
    assertThat(PlanLine.parse(3, repeated).problem())
        .startsWith("the key job_id appears twice in one object (column ");
    assertThat(PlanLine.parse(3, line.substring(0, line.length() - 1)).problem())
        .startsWith("not valid JSON: Unexpected end-of-input");
    assertThat(PlanLineParser.READ.sum()).isEqualTo(declinedBefore);
  }

  // ---------------------------------------------------------------------------------------------
  // Examples

  @Test
  void readsNumbersWithTheClassesJacksonGives() {
    String[] accepted = {
      "0",
      "-0",
      "1",
      "-1",
      "2147483647",
      "2147483648",
      "-2147483648",
      "-2147483649",
      "123456789012345678",
      "-123456789012345678",
      "0.0",
      "-0.0",
      "1.0",
      "0.1e1",
      "1E2",
      "1e+2",
      "1e-2",
      "-0e0",
      "1e400",
      "-1e400",
      "1e-400",
      "4.9e-324",
      "2.4703282292062328e-324",
      "1.7976931348623157e308",
      "1.7976931348623159e308",
      "0.30000000000000004",
      "1.0E-4",
      "1.0E7",
      "1e22",
      "1e23",
      "9007199254740993.0",
      "123456789012345.6",
      "1234567890123456.7",
      "0.1234567890123456789",
      "10000.0",
      "100000.0",
      "0.05",
      "-0.0e-999"
    };
    Map<String, Object> values = new LinkedHashMap<>();
    for (String number : accepted) {
      String line = "{\"x\":" + number + "}";
      assertThat(assertParsesLikeJackson(line)).as("declined %s", line).isTrue();
      values.put(number, PlanLineParser.parse(line).get("x"));
    }
    assertThat(values.get("-0")).isEqualTo(0);
    assertThat(values.get("2147483647")).isInstanceOf(Integer.class);
    assertThat(values.get("2147483648")).isEqualTo(2147483648L);
    assertThat(values.get("-2147483648")).isInstanceOf(Integer.class);
    assertThat(values.get("123456789012345678")).isEqualTo(123456789012345678L);
    assertThat(values.get("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(values.get("-0.0")).isEqualTo(-0.0);
    assertThat(values.get("0.1e1")).isEqualTo(1.0);
    assertThat(values.get("1.7976931348623159e308")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void declinesWhatItDoesNotReadAndParseGivesJacksonsOutcome() {
    String ok =
        "{\"job_id\":\"j\",\"config\":{\"data_file\":\"d.csv\"},\"output_json\":\"j.json\"}";
    assertThat(assertParsesLikeJackson(ok)).isTrue();
    String[] declined = {
      "",
      " ",
      "[1]",
      "42",
      "null",
      "\"s\"",
      "\uFEFF" + ok,
      ok + " x",
      ok + "{}",
      ok + ",",
      "{\"a\":1,\"a\":2}",
      "{\"a\":null,\"a\":null}",
      "{\"c\":{\"a\":1,\"b\":{},\"a\":[]}}",
      "{\"a\":NaN}",
      "{\"a\":-Infinity}",
      "{\"a\":Infinity}",
      "{\"a\":12345678901234567890}",
      "{\"a\":1234567890123456789}",
      "{\"a\":-9223372036854775808}",
      "{\"a\":1" + "0".repeat(70) + "}",
      "{\"a\":01}",
      "{\"a\":1.}",
      "{\"a\":.5}",
      "{\"a\":+1}",
      "{\"a\":-}",
      "{\"a\":1e}",
      "{\"a\":0x10}",
      "{\"a\":tru}",
      "{\"a\":truex}",
      "{\"a\":True}",
      "{\"a\":'s'}",
      "{a:1}",
      "{\"a\":1,}",
      "{\"a\":[1,]}",
      "{\"a\" 1}",
      "{\"a\":1 /* c */}",
      "{\"a\":1}// c",
      "{\"a\":\u00a01}",
      "{\"a\":\u000b1}",
      "{\"a\":\f1}",
      "{\"a\":\"tab\there\"}",
      "{\"a\":\"\u0000\"}",
      "{\"a\":\"\\x\"}",
      "{\"a\":\"\\u12g4\"}",
      "{\"a\":\"\\u12\"}",
      "{\"a\":\"\\u\uff11\uff12\uff13\uff14\"}",
      "{\"a\":\"\\'\"}",
      "{\"a\":\"unterminated}",
      "{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}",
      "{\"a\":\"" + "x".repeat(PlanLineParser.MAX_CHARS) + "\"}",
      "{\"job_id\":\"j\",\"config\":{"
    };
    for (String line : declined) {
      assertThat(PlanLineParser.parse(line)).as("read %s", show(line)).isNull();
      assertThat(assertParsesLikeJackson(line)).isFalse();
    }
    // Just inside the limits: read.
    for (String line :
        List.of(
            "{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}",
            "{\"a\":\"" + "x".repeat(PlanLineParser.MAX_CHARS - 8) + "\"}",
            "{\"a\":1" + "0".repeat(61) + ".0}",
            "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\ude00\\ud800\\u0000\"}",
            " \t\r\n{ \"a\" : [ 1 , { } , [ ] ] , \"b\" : \"\u00e9\u20ac\ud83d\ude00\ud800\" } \n")) {
      assertThat(assertParsesLikeJackson(line)).as("declined %s", show(line)).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Properties

  private static final long[] FAST = new long[2];

  private static void countPath(boolean fast, int tries) {
    synchronized (FAST) {
      FAST[fast ? 0 : 1]++;
      long n = FAST[0] + FAST[1];
      if (n >= tries) {
        // Both paths are exercised: neither the fast path nor the decline is a rare case.
        assertThat(100.0 * FAST[0] / n).as("%% read by the fast path").isGreaterThan(25);
        assertThat(100.0 * FAST[1] / n).as("%% left to Jackson").isGreaterThan(10);
      }
    }
  }

  private static final int TRIES = 6000;

  /** A line, shown with its control characters and surrogates escaped (in the try's name too). */
  record Line(String text) {
    @Override
    public String toString() {
      return show(text);
    }
  }

  static Stream<Arguments> anyLineParsesLikeJackson() {
    Gen<String> lines =
        Gen.frequencyOf(
            Gen.w(3, plannerLines(false)),
            Gen.w(3, s -> new LineWriter(s.random(), odds(s)).planLine()),
            Gen.w(4, s -> new LineWriter(s.random(), odds(s)).anyLine()));
    return Tries.of(TRIES, lines.map(Line::new));
  }

  /** Lines of plan shape or of any JSON, valid or not: both paths agree with Jackson. */
  @PropertyTest
  @MethodSource
  void anyLineParsesLikeJackson(Line line) {
    countPath(assertParsesLikeJackson(line.text()), TRIES);
  }

  static Stream<Arguments> plannerShapedLinesAreReadByTheFastPath() {
    return Tries.of(2000, plannerLines(true).map(Line::new));
  }

  /**
   * Lines as the planner writes them (Jackson's compact writer) of any values the planner writes
   * (doubles of any bits, ints, strings of any characters, null, booleans): all read fast.
   */
  @PropertyTest
  @MethodSource
  void plannerShapedLinesAreReadByTheFastPath(Line line) {
    assertThat(assertParsesLikeJackson(line.text())).isTrue();
  }

  /** Half the lines are spelled without oddities, the others with one in about 40 tokens. */
  private static int odds(Gen.Source s) {
    return s.random().nextBoolean() ? 0 : 40;
  }

  /**
   * A plan line as {@link JobPlan#toJsonLine} writes it: a config of the runner's keys with values
   * of every kind (made valid through {@link BacktestConfig} when they are), any job id and path;
   * when {@code plain}, no integer of more than 18 digits and no line longer than the fast path
   * reads.
   */
  private static Gen<String> plannerLines(boolean plain) {
    return s -> {
      SplittableRandom r = s.random();
      LineWriter values = new LineWriter(r, 0, plain);
      Map<String, Object> config = new LinkedHashMap<>();
      for (String key : BacktestConfig.FIELDS) {
        if (r.nextInt(4) > 0) {
          config.put(key, key.equals(BacktestConfig.DATA_FILE) ? values.text() : values.scalar());
        }
      }
      config.put(BacktestConfig.DATA_FILE, values.text());
      Map<String, Object> written = config;
      try {
        written = BacktestConfig.fromMap(config).toMap();
      } catch (ConfigException e) {
        // a config the planner would refuse: written as it is
      }
      return new PlanLineFields(values.text(), written, values.text()).toJsonLine();
    };
  }

  /**
   * Writes random JSON text: values of every kind, spelled in the many ways JSON allows (escapes,
   * whitespace, number forms) and, one token in {@code odds} (never when 0), in a way it does not
   * or that the fast path leaves to Jackson.
   */
  private static final class LineWriter {
    private final SplittableRandom r;
    private final int odds;
    private final boolean plain;
    private final StringBuilder out = new StringBuilder();

    LineWriter(SplittableRandom r, int odds) {
      this(r, odds, false);
    }

    LineWriter(SplittableRandom r, int odds, boolean plain) {
      this.r = r;
      this.odds = odds;
      this.plain = plain;
    }

    private boolean odd() {
      return odds > 0 && r.nextInt(odds) == 0;
    }

    private <T> T pick(List<T> list) {
      return list.get(r.nextInt(list.size()));
    }

    String planLine() {
      ws();
      out.append('{');
      List<String> keys = new ArrayList<>(List.of("job_id", "config", "output_json"));
      if (r.nextInt(4) == 0) {
        keys.add(r.nextInt(keys.size() + 1), pick(List.of("extra", "", "job_id_", "\u00e9")));
      }
      if (r.nextInt(8) == 0) {
        keys.remove(r.nextInt(keys.size()));
      }
      for (int k = 0; k < keys.size(); k++) {
        if (k > 0) {
          comma();
        }
        key(keys.get(k));
        switch (keys.get(k)) {
          case "config" -> config();
          case "job_id", "output_json" -> string(r.nextInt(10) == 0 ? "" : text());
          default -> value(2);
        }
      }
      if (odd()) {
        comma();
        key(keys.isEmpty() ? "job_id" : pick(keys)); // a repeated key
        value(2);
      }
      ws();
      out.append('}');
      end();
      return out.toString();
    }

    private void config() {
      if (r.nextInt(20) == 0) {
        value(2);
        return;
      }
      ws();
      out.append('{');
      List<String> keys = new ArrayList<>(BacktestConfig.FIELDS);
      keys.removeIf(k -> r.nextInt(3) == 0);
      if (r.nextInt(4) == 0) {
        keys.add(pick(List.of("slipage_bps", "venue_a", "x", "Data_File")));
      }
      for (int k = 0; k < keys.size(); k++) {
        if (k > 0) {
          comma();
        }
        key(keys.get(k));
        if (r.nextInt(10) < 8) {
          if (keys.get(k).equals(BacktestConfig.DATA_FILE) || keys.get(k).equals("tag")) {
            string(text());
          } else {
            number();
          }
        } else {
          value(3);
        }
      }
      if (odd() && !keys.isEmpty()) {
        comma();
        key(pick(keys));
        number();
      }
      ws();
      out.append('}');
      ws();
    }

    String anyLine() {
      ws();
      if (odd()) {
        value(1); // any value at the top, or deeply nested
      } else {
        object(1);
      }
      end();
      return out.toString();
    }

    /** Whitespace after the value, sometimes followed by something, sometimes one char changed. */
    private void end() {
      ws();
      if (odd()) {
        out.append(pick(List.of("x", "{}", ",", "}", "]", "0", "\"", "//c", " {\"a\":1}")));
      }
      if (odd() && out.length() > 0) {
        int at = r.nextInt(out.length());
        String c = pick(List.of("", "{", "}", "[", "]", "\"", ",", ":", "\\", "0", "e", "-", " "));
        out.replace(at, at + (r.nextBoolean() ? 1 : 0), c);
      }
    }

    private void value(int depth) {
      int kind = r.nextInt(depth >= 4 ? 6 : 8);
      if (odd()) {
        int levels = 25 + r.nextInt(15);
        out.append("[".repeat(levels)).append("]".repeat(levels));
        return;
      }
      switch (kind) {
        case 0, 1 -> number();
        case 2, 3 -> string(text());
        case 4 -> out.append(pick(List.of("true", "false", "null")));
        case 5 -> {
          if (odd()) {
            out.append(pick(List.of("tru", "True", "nul", "NULL", "falsey", "t", "none")));
          } else {
            out.append(pick(List.of("true", "false", "null")));
          }
        }
        case 6 -> object(depth + 1);
        default -> array(depth + 1);
      }
    }

    private void object(int depth) {
      out.append('{');
      ws();
      int n = r.nextInt(6);
      List<String> keys = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        if (k > 0) {
          comma();
        }
        String key;
        if (!keys.isEmpty() && odd()) {
          key = pick(keys); // a repeated key
        } else {
          key = text();
          if (keys.contains(key)) {
            key = key + "_" + k;
          }
        }
        keys.add(key);
        key(key);
        value(depth);
      }
      if (odd() && n > 0) {
        out.append(',');
      }
      ws();
      out.append(odd() ? "]" : "}");
    }

    private void array(int depth) {
      out.append('[');
      ws();
      int n = r.nextInt(5);
      for (int k = 0; k < n; k++) {
        if (k > 0) {
          comma();
        }
        value(depth);
      }
      ws();
      out.append(odd() ? "}" : "]");
    }

    private void key(String name) {
      ws();
      if (odd()) {
        out.append(pick(List.of(name, "'" + name + "'")));
      } else {
        string(name);
      }
      ws();
      out.append(odd() ? pick(List.of("", "=", "::")) : ":");
      ws();
    }

    private void comma() {
      ws();
      out.append(odd() ? pick(List.of("", ";", ",,")) : ",");
      ws();
    }

    private void ws() {
      if (odd()) {
        out.append(pick(List.of("\f", "\u000b", "\u00a0", "/*c*/", "#", "\u0000", "\u2028")));
        return;
      }
      switch (r.nextInt(8)) {
        case 0 -> out.append(' ');
        case 1 -> {
          for (int k = r.nextInt(1, 5); k > 0; k--) {
            out.append(" \t\r\n".charAt(r.nextInt(4)));
          }
        }
        default -> {}
      }
    }

    /** Text to write as a string: mostly plain, sometimes with any character. */
    String text() {
      int n = r.nextInt(r.nextInt(10) == 0 ? 40 : 12);
      String alphabet =
          switch (r.nextInt(6)) {
            case 0, 1 -> "abcdefghijklmnopqrstuvwxyz_0123456789";
            case 2 -> "data/eurusd_1s.csv.gz-_ ./";
            case 3 -> "\"\\/ \u007f\u00e9\u20ac\u2028\ud83d\ude00\ud800\udc00";
            case 4 -> "\u0000\u0001\b\f\n\r\t\u001f a";
            default -> "AaBB\u00ff\u0100 ~!@#$%^&*()";
          };
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < n; k++) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      if (!plain && r.nextInt(200) == 0) {
        b.append("x".repeat(PlanLineParser.MAX_CHARS));
      }
      return b.toString();
    }

    /** A string of {@code text}, each character written raw or escaped as JSON allows. */
    private void string(String text) {
      out.append('"');
      for (int k = 0; k < text.length(); k++) {
        char c = text.charAt(k);
        boolean mustEscape = c < 0x20 || c == '"' || c == '\\';
        if (odd()) {
          out.append(pick(List.of(String.valueOf(c), "\\x", "\\u12g4", "\\u12", "\\'", "\\")));
        } else if (!mustEscape && r.nextInt(10) > 0) {
          out.append(c);
        } else if (r.nextBoolean()) {
          String hex = String.format(Locale.ROOT, "%04x", (int) c);
          out.append("\\u").append(r.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT));
        } else {
          out.append(
              switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> r.nextBoolean() ? "\\/" : "/";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default ->
                    c < 0x20 ? String.format(Locale.ROOT, "\\u%04X", (int) c) : String.valueOf(c);
              });
        }
      }
      if (!odd()) {
        out.append('"');
      }
    }

    /** A number literal of any form JSON allows, sometimes one it does not. */
    private void number() {
      if (odd()) {
        out.append(
            pick(
                List.of(
                    "NaN",
                    "-Infinity",
                    "Infinity",
                    "+1",
                    "01",
                    "-01",
                    "1.",
                    ".5",
                    "-",
                    "1e",
                    "1e+",
                    "0x1F",
                    "1..2",
                    "--1",
                    "1" + "0".repeat(1001))));
        return;
      }
      out.append(numberText());
    }

    private String numberText() {
      return switch (r.nextInt(12)) {
        case 0 -> Integer.toString(r.nextInt(-1000, 1000));
        case 1 -> Integer.toString(r.nextInt());
        case 2 -> Long.toString(r.nextLong() >> r.nextInt(64));
        case 3 -> Double.toString(r.nextDouble(-100, 100));
        case 4 -> Double.toString(Double.longBitsToDouble(r.nextLong()));
        case 5 -> Double.toString(r.nextInt(0, 100_000) / 100.0);
        case 6 -> new BigDecimal(r.nextDouble(-1e6, 1e6)).toPlainString();
        case 7 ->
            String.format(Locale.ROOT, "%." + r.nextInt(0, 20) + "e", r.nextDouble(-1e9, 1e9) / 7);
        case 8 ->
            pick(
                List.of(
                    "0",
                    "-0",
                    "0.0",
                    "-0.0",
                    "1e400",
                    "-1e400",
                    "1e-400",
                    "0.1e1",
                    "1E+2",
                    "2.4703282292062328e-324",
                    "4.9e-324",
                    "1.7976931348623159e308",
                    "9007199254740993",
                    "9007199254740993.0",
                    "12345678901234567890",
                    "-9223372036854775808",
                    "2147483648",
                    "-2147483649",
                    "1e22",
                    "1e23",
                    "123456789012345.6",
                    "1234567890123456.7"));
        default -> composedNumber();
      };
    }

    /** Sign, integer part, fraction and exponent, each of random length, all valid. */
    private String composedNumber() {
      StringBuilder b = new StringBuilder();
      if (r.nextBoolean()) {
        b.append('-');
      }
      if (r.nextInt(4) == 0) {
        b.append('0');
      } else {
        b.append(r.nextInt(1, 10)).append(digits(r.nextInt(r.nextBoolean() ? 4 : 22)));
      }
      if (r.nextInt(3) > 0) {
        b.append('.').append(digits(r.nextInt(1, r.nextBoolean() ? 6 : 30)));
      }
      if (r.nextInt(3) == 0) {
        b.append(r.nextBoolean() ? 'e' : 'E').append(pick(List.of("", "+", "-")));
        b.append(digits(r.nextInt(1, r.nextInt(6) == 0 ? 6 : 3)));
      }
      return b.toString();
    }

    private String digits(int n) {
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < n; k++) {
        b.append((char) ('0' + r.nextInt(10)));
      }
      return b.toString();
    }

    /** A value as the planner's config may hold it: mostly numbers, sometimes any scalar. */
    Object scalar() {
      return switch (r.nextInt(10)) {
        case 0 -> null;
        case 1 -> r.nextBoolean();
        case 2 -> text();
        case 3 -> r.nextInt(-5, 100);
        case 4 -> plain ? r.nextLong() % 1_000_000_000_000_000_000L : r.nextLong();
        case 5 -> Double.longBitsToDouble(r.nextLong());
        case 6 -> r.nextInt(0, 10_000) / 100.0;
        default -> Double.parseDouble(numberText());
      };
    }
  }
}
