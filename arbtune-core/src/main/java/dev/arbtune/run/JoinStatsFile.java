package dev.arbtune.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.join.JoinStats;
import dev.arbtune.join.VenueFormat;
import dev.arbtune.join.VenueStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The stats of a join kept beside its joined file ({@code joined-KEY.csv} → {@code
 * joined-KEY.json}), so that a session that finds the join already done can still say what it did.
 * Keys are those of {@link JoinStats} and {@link VenueStats} in snake case; times ISO-8601.
 */
final class JoinStatsFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JoinStatsFile() {}

  /** The stats file of {@code joined} ({@code joined-KEY.csv}). */
  static Path of(Path joined) {
    String name = joined.getFileName().toString();
    return joined.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".json");
  }

  /** Writes {@code stats} beside {@code joined}, atomically. */
  static void write(Path joined, JoinStats stats) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.set("venue_a", venue(stats.a()));
    o.set("venue_b", venue(stats.b()));
    o.put("rows_out", stats.rowsOut());
    o.put("dropped_stale", stats.droppedStale());
    o.put("stale_a", stats.staleA());
    o.put("stale_b", stats.staleB());
    o.put("dropped_one_sided", stats.droppedOneSided());
    o.put("before_both_quoted", stats.beforeBothQuoted());
    o.put("first_row", text(stats.firstRow()));
    o.put("last_row", text(stats.lastRow()));
    AtomicFiles.writeText(
        of(joined),
        w -> w.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n"));
  }

  /**
   * The stats kept beside {@code joined}, or {@code null} when there are none or they cannot be
   * read (a join of an older version, a damaged file): they only inform.
   */
  static JoinStats read(Path joined) {
    Path file = of(joined);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode o = JSON.readTree(file.toFile());
      return new JoinStats(
          venue(o.get("venue_a")),
          venue(o.get("venue_b")),
          o.get("rows_out").longValue(),
          o.get("dropped_stale").longValue(),
          o.get("stale_a").longValue(),
          o.get("stale_b").longValue(),
          o.get("dropped_one_sided").longValue(),
          o.get("before_both_quoted").longValue(),
          instant(o.get("first_row")),
          instant(o.get("last_row")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static ObjectNode venue(VenueStats v) {
    ObjectNode o = JSON.createObjectNode();
    o.put("source", v.source());
    o.put("format", v.format().label());
    o.put("rows_read", v.rowsRead());
    o.put("crossed", v.crossed());
    o.put("locked", v.locked());
    o.put("same_time", v.sameTime());
    o.put("longest_gap_us", v.longestGapMicros());
    o.put("longest_gap_start", text(v.longestGapStart()));
    return o;
  }

  private static VenueStats venue(JsonNode o) {
    return new VenueStats(
        o.get("source").textValue(),
        VenueFormat.parse(o.get("format").textValue()),
        o.get("rows_read").longValue(),
        o.get("crossed").longValue(),
        o.get("locked").longValue(),
        o.get("same_time").longValue(),
        o.get("longest_gap_us").longValue(),
        instant(o.get("longest_gap_start")));
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant instant(JsonNode n) {
    return n == null || n.isNull() ? null : Instant.parse(n.textValue());
  }
}
