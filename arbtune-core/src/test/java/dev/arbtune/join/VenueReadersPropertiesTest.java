package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.join.VenueReadersTest.Row;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.Gzip;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level venue readers against a deliberately simple reference reader ({@link
 * String#split}, {@link BigDecimal}, {@link Instant}) on random files: random formats, column
 * orders and letter case, extra columns, quoting, blanks, CRLF, BOM, gzip, blank lines, epoch units
 * and ISO times with fractions and offsets, empty sides, Databento integer prices, and shuffled
 * files read with sort.
 */
class VenueReadersPropertiesTest {

  @TempDir Path dir;

  static Stream<Arguments> fastReadersAgreeWithTheReference() {
    return Tries.of(400, Gen.longs(), Gen.ints(1, 60));
  }

  @PropertyTest
  @MethodSource
  void fastReadersAgreeWithTheReference(long seed, int rows) throws IOException {
    Random r = new Random(seed);
    GeneratedFile g = generate(r, rows);
    Path file = dir.resolve("venue.csv");
    Files.write(file, g.bytes);
    VenueInput input = new VenueInput(file, VenueFormat.AUTO, g.timeOverride, g.unit, g.sort);

    List<Row> expected = Reference.read(g.bytes, g.format, g.timeOverride, g.unit, g.sort);
    List<Row> actual;
    VenueFormat recognised;
    try (VenueQuotes q = VenueReaders.open(input)) {
      recognised = q.format();
      actual = VenueReadersTest.readAll(q);
    }

    assertThat(recognised).isEqualTo(g.format);
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // The random files

  record GeneratedFile(
      byte[] bytes, VenueFormat format, String timeOverride, EpochUnit unit, boolean sort) {}

  private static final List<String> BINANCE =
      List.of(
          "update_id",
          "best_bid_price",
          "best_bid_qty",
          "best_ask_price",
          "best_ask_qty",
          "transaction_time",
          "event_time");
  private static final List<String> TARDIS =
      List.of(
          "exchange",
          "symbol",
          "timestamp",
          "local_timestamp",
          "ask_amount",
          "ask_price",
          "bid_price",
          "bid_amount");
  private static final List<String> DATABENTO =
      List.of(
          "ts_recv",
          "ts_event",
          "rtype",
          "publisher_id",
          "instrument_id",
          "action",
          "side",
          "depth",
          "price",
          "size",
          "flags",
          "ts_in_delta",
          "sequence",
          "bid_px_00",
          "ask_px_00",
          "bid_sz_00",
          "ask_sz_00",
          "bid_ct_00",
          "ask_ct_00",
          "symbol");

  private static GeneratedFile generate(Random r, int rows) {
    VenueFormat format = VenueFormat.values()[1 + r.nextInt(4)];
    List<String> columns =
        new ArrayList<>(
            switch (format) {
              case BINANCE_BOOKTICKER -> BINANCE;
              case TARDIS_QUOTES -> TARDIS;
              case DATABENTO_BBO -> DATABENTO;
              default -> List.of("timestamp", "bid", "ask");
            });
    String time =
        switch (format) {
          case BINANCE_BOOKTICKER -> "transaction_time";
          case DATABENTO_BBO -> "ts_event";
          default -> "timestamp";
        };
    String bid = format == VenueFormat.GENERIC ? "bid" : bidOf(format);
    String ask = format == VenueFormat.GENERIC ? "ask" : askOf(format);
    String timeOverride = null;
    if (format == VenueFormat.GENERIC && r.nextInt(4) == 0) {
      timeOverride = "time";
      columns.set(0, "time");
      time = "time";
    }
    for (int k = r.nextInt(4); k > 0; k--) {
      columns.add("extra_" + k);
    }
    Collections.shuffle(columns, r);

    // Times: epoch integers in one unit, or ISO-8601 with fractions up to one precision.
    boolean iso = r.nextInt(3) == 0;
    EpochUnit timeUnit = EpochUnit.values()[1 + r.nextInt(4)];
    EpochUnit unitSetting = r.nextBoolean() ? EpochUnit.AUTO : timeUnit;
    int isoDigits = r.nextInt(10);
    long step = iso ? BigInteger.TEN.pow(9 - isoDigits).longValueExact() : nanosOf(timeUnit);
    long t = (1_000_000_000L + r.nextInt(1_000_000_000)) * 1_000_000_000L / step * step;

    boolean databentoIntegers = format == VenueFormat.DATABENTO_BBO && r.nextBoolean();
    boolean emptySides = format == VenueFormat.TARDIS_QUOTES || format == VenueFormat.DATABENTO_BBO;
    boolean sort = r.nextInt(4) == 0;
    String eol = r.nextBoolean() ? "\n" : "\r\n";

    List<String> lines = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (String c : columns) {
      String name = r.nextBoolean() ? c : c.toUpperCase(Locale.ROOT);
      header.add(decorate(r, name));
    }
    lines.add(String.join(",", header));
    List<String> body = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      if (r.nextInt(5) != 0) {
        t += step * r.nextInt(r.nextBoolean() ? 3 : 100_000);
      }
      List<String> fields = new ArrayList<>();
      for (String c : columns) {
        String value;
        if (c.equals(time)) {
          value = iso ? isoText(r, t, isoDigits) : Long.toString(t / nanosOf(timeUnit));
        } else if (c.equals(bid) || c.equals(ask)) {
          value = priceText(r, format, databentoIntegers, emptySides);
        } else {
          value = otherText(r);
        }
        fields.add(decorate(r, value));
      }
      body.add(String.join(",", fields));
    }
    if (sort) {
      Collections.shuffle(body, r);
    }
    for (String line : body) {
      if (r.nextInt(10) == 0) {
        lines.add(r.nextBoolean() ? "" : "  ");
      }
      lines.add(line);
    }
    String text = String.join(eol, lines) + (r.nextBoolean() ? eol : "");
    if (r.nextInt(5) == 0) {
      text = "\uFEFF" + text;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (r.nextInt(4) == 0) {
      bytes = Gzip.of(bytes);
    }
    return new GeneratedFile(bytes, format, timeOverride, unitSetting, sort);
  }

  private static String bidOf(VenueFormat f) {
    return switch (f) {
      case BINANCE_BOOKTICKER -> "best_bid_price";
      case TARDIS_QUOTES -> "bid_price";
      default -> "bid_px_00";
    };
  }

  private static String askOf(VenueFormat f) {
    return switch (f) {
      case BINANCE_BOOKTICKER -> "best_ask_price";
      case TARDIS_QUOTES -> "ask_price";
      default -> "ask_px_00";
    };
  }

  private static long nanosOf(EpochUnit unit) {
    return switch (unit) {
      case SECONDS -> 1_000_000_000L;
      case MILLISECONDS -> 1_000_000L;
      case MICROSECONDS -> 1_000L;
      default -> 1L;
    };
  }

  /** The ISO text of {@code nanos} with some fraction digits (at least those it needs). */
  private static String isoText(Random r, long nanos, int digits) {
    Instant instant =
        Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), nanos % 1_000_000_000L);
    ZoneOffset offset = r.nextInt(4) == 0 ? ZoneOffset.ofHours(r.nextInt(5) - 2) : ZoneOffset.UTC;
    OffsetDateTime at = instant.atOffset(offset);
    String base = at.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
    String fraction = String.format("%09d", at.getNano()).substring(0, digits);
    int shown = digits + r.nextInt(10 - digits);
    StringBuilder sb = new StringBuilder(base);
    if (shown > 0) {
      sb.append('.').append(fraction).append("0".repeat(shown - digits));
    }
    String zone =
        offset.equals(ZoneOffset.UTC) ? (r.nextBoolean() ? "Z" : "+00:00") : offset.getId();
    return sb.append(zone).toString();
  }

  private static String priceText(
      Random r, VenueFormat format, boolean databentoIntegers, boolean emptySides) {
    if (emptySides && r.nextInt(8) == 0) {
      return r.nextBoolean() || format != VenueFormat.DATABENTO_BBO ? "" : "9223372036854775807";
    }
    if (databentoIntegers) {
      long v = (long) (r.nextDouble() * 1e15) / (r.nextBoolean() ? 1 : 1_000_000);
      return Long.toString(r.nextInt(10) == 0 && v != 0 ? -v : v);
    }
    int scale = format == VenueFormat.DATABENTO_BBO ? 1 + r.nextInt(9) : r.nextInt(10);
    BigDecimal v = BigDecimal.valueOf(r.nextLong() % 100_000_000_000L, scale);
    v = v.abs();
    String text = v.toPlainString();
    if (format != VenueFormat.DATABENTO_BBO && r.nextInt(10) == 0) {
      text = v.unscaledValue() + "e-" + scale;
    }
    if (v.signum() != 0 && r.nextInt(10) == 0) {
      text = "-" + text;
    }
    return text;
  }

  private static String otherText(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Long.toString(r.nextLong());
      case 1 -> "a, \"quoted\" text";
      case 2 -> "";
      default -> "BTC-PERP";
    };
  }

  /** Quoted (when it must be, or sometimes), with blanks around sometimes. */
  private static String decorate(Random r, String value) {
    String text = value;
    if (value.contains(",") || value.contains("\"") || r.nextInt(5) == 0) {
      text = "\"" + value.replace("\"", "\"\"") + "\"";
    }
    if (r.nextInt(10) == 0) {
      text = " " + text + "  ";
    }
    return text;
  }

  // ---------------------------------------------------------------------------------------------
  // The reference reader: plain and slow.

  static final class Reference {
    private static final String SPLIT = ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)";

    static List<Row> read(
        byte[] bytes, VenueFormat format, String timeOverride, EpochUnit unit, boolean sort)
        throws IOException {
      if (bytes.length > 1 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
        bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      String[] lines = text.split("\n", -1);
      List<String> header = fields(lines[0]).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
      String time =
          timeOverride != null
              ? timeOverride
              : switch (format) {
                case BINANCE_BOOKTICKER -> "transaction_time";
                case DATABENTO_BBO -> "ts_event";
                default -> "timestamp";
              };
      int ti = header.indexOf(time);
      int bi = header.indexOf(format == VenueFormat.GENERIC ? "bid" : bidOf(format));
      int ai = header.indexOf(format == VenueFormat.GENERIC ? "ask" : askOf(format));
      List<Row> rows = new ArrayList<>();
      EpochUnit fileUnit = unit == EpochUnit.AUTO ? null : unit;
      Boolean integers = null;
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        List<String> f = fields(lines[i]);
        String ts = f.get(ti);
        long micros;
        if (ts.chars().allMatch(Character::isDigit)) {
          long v = Long.parseLong(ts);
          if (fileUnit == null) {
            fileUnit = EpochUnit.ofMagnitude(v);
          }
          BigDecimal nanos = new BigDecimal(v).multiply(BigDecimal.valueOf(nanosOf(fileUnit)));
          micros = nanos.divide(BigDecimal.valueOf(1000), 0, RoundingMode.FLOOR).longValueExact();
        } else {
          Instant at = OffsetDateTime.parse(ts).toInstant();
          micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
        }
        String[] texts = {f.get(bi), f.get(ai)};
        double[] values = new double[2];
        for (int k = 0; k < 2; k++) {
          String p = texts[k];
          if (p.isEmpty() || p.equals("9223372036854775807")) {
            values[k] = Double.NaN;
            texts[k] = "";
            continue;
          }
          if (format == VenueFormat.DATABENTO_BBO && integers == null) {
            integers = p.matches("-?[0-9]+");
          }
          BigDecimal d = new BigDecimal(p);
          if (format == VenueFormat.DATABENTO_BBO && integers) {
            d = d.movePointLeft(9).stripTrailingZeros();
            texts[k] = d.signum() == 0 ? "0" : d.toPlainString();
          }
          values[k] = d.doubleValue();
        }
        rows.add(new Row(micros, values[0], values[1], texts[0], texts[1], i + 1));
      }
      if (sort) {
        rows.sort(Comparator.comparingLong(Row::time)); // List.sort is stable
      }
      return rows;
    }

    private static List<String> fields(String line) {
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      List<String> out = new ArrayList<>();
      for (String raw : line.split(SPLIT, -1)) {
        String s = raw.strip();
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) {
          s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        out.add(s);
      }
      return out;
    }
  }
}
