package dev.arbtune.result;

import java.util.Arrays;

/**
 * Collects the pieces of one {@code period_pnl} object as a parser meets them and turns them into a
 * {@link BlockPnl}: both {@link PlainDocumentParser} and Jackson's path feed one, so that they read
 * it identically. A repeated key replaces what came before (the last one counts). Not thread-safe.
 */
final class PeriodPnlParts {

  static final String KEY = "period_pnl";
  static final String BLOCK_STARTS = "block_starts";
  static final String END = "end";
  static final String PNL_USD = "pnl_usd";

  /** The {@link BlockPnl} of a {@code period_pnl} that is not an object. */
  static final BlockPnl NOT_AN_OBJECT = BlockPnl.unusable("\"period_pnl\" is not an object");

  private boolean startsSeen;
  private boolean startsBad;
  private int starts;
  private final StringBuilder boundaries = new StringBuilder(512);

  private boolean endSeen;
  private String end;

  private boolean pnlSeen;
  private boolean pnlBad;
  private int pnls;
  private long[] micros = new long[16];

  /** {@code block_starts} begins: an array. */
  void startBlockStarts() {
    startsSeen = true;
    startsBad = false;
    starts = 0;
    boundaries.setLength(0);
  }

  /** {@code block_starts} is not an array. */
  void blockStartsNotArray() {
    startBlockStarts();
    startsBad = true;
  }

  /** One element of {@code block_starts}: a string, or {@code null} for any other value. */
  void blockStart(String s) {
    if (s == null || hasControl(s)) {
      startsBad = true;
    } else if (starts < BlockPnl.MAX_BLOCKS) {
      boundaries.append(s).append('\n');
    }
    starts++;
  }

  /** {@code end}: a string, or {@code null} for any other value. */
  void end(String s) {
    endSeen = true;
    end = s == null || hasControl(s) ? null : s;
  }

  /** {@code pnl_usd} begins: an array. */
  void startPnl() {
    pnlSeen = true;
    pnlBad = false;
    pnls = 0;
  }

  /** {@code pnl_usd} is not an array. */
  void pnlNotArray() {
    startPnl();
    pnlBad = true;
  }

  /** One number of {@code pnl_usd}, in micro-dollars. */
  void pnl(long value) {
    if (pnls < BlockPnl.MAX_BLOCKS) {
      if (pnls >= micros.length) {
        micros = Arrays.copyOf(micros, BlockPnl.MAX_BLOCKS);
      }
      micros[pnls] = value;
    }
    pnls++;
  }

  /** One element of {@code pnl_usd} that is not a (finite) number. */
  void pnlNotNumber() {
    pnlBad = true;
    pnls++;
  }

  /** What was read. */
  BlockPnl build() {
    if (!startsSeen) {
      return BlockPnl.unusable("\"period_pnl\" has no \"block_starts\"");
    }
    if (startsBad) {
      return BlockPnl.unusable("\"period_pnl.block_starts\" is not an array of timestamp strings");
    }
    if (starts < BlockPnl.MIN_BLOCKS || starts > BlockPnl.MAX_BLOCKS) {
      return BlockPnl.unusable(
          "\"period_pnl\" has " + starts + " blocks; 2 to " + BlockPnl.MAX_BLOCKS + " are read");
    }
    if (!endSeen) {
      return BlockPnl.unusable("\"period_pnl\" has no \"end\"");
    }
    if (end == null) {
      return BlockPnl.unusable("\"period_pnl.end\" is not a timestamp string");
    }
    if (!pnlSeen) {
      return BlockPnl.unusable("\"period_pnl\" has no \"pnl_usd\"");
    }
    if (pnlBad) {
      return BlockPnl.unusable("\"period_pnl.pnl_usd\" is not an array of numbers");
    }
    if (pnls != starts) {
      return BlockPnl.unusable(
          "\"period_pnl.pnl_usd\" has " + pnls + " values for " + starts + " blocks");
    }
    return BlockPnl.of(boundaries + end, Arrays.copyOf(micros, pnls));
  }

  private static boolean hasControl(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) < 0x20) {
        return true;
      }
    }
    return false;
  }
}
