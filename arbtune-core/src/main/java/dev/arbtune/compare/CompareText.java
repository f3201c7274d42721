package dev.arbtune.compare;

import dev.arbtune.insights.NumberFormats;
import java.util.List;
import java.util.Map;

/**
 * The comparison for people: plain text (verdict, sides, keys, winners, movers up and down, jobs on
 * one side only) and the same as Markdown.
 */
public final class CompareText {

  /** How many one-side-only jobs are listed; the rest are counted. */
  public static final int ONE_SIDED_LISTED = 20;

  private CompareText() {}

  /** Plain text. */
  public static String text(CompareReport r) {
    return render(r, false);
  }

  /** Markdown: a heading, the same lines, and tables for the movers and one-sided jobs. */
  public static String markdown(CompareReport r) {
    return render(r, true);
  }

  private static String render(CompareReport r, boolean md) {
    Comparison c = r.comparison();
    StringBuilder sb = new StringBuilder();
    if (md) {
      sb.append("# Comparison\n\n**").append(r.verdict()).append("**\n\n");
    } else {
      sb.append(r.verdict()).append('\n');
    }
    String item = md ? "- " : "  ";
    sb.append(item)
        .append("A: ")
        .append(r.pathA())
        .append(" (")
        .append(c.a().size())
        .append(" ranked jobs); B: ")
        .append(r.pathB())
        .append(" (")
        .append(c.b().size())
        .append(" ranked jobs)\n");
    sb.append(item)
        .append("ranked by ")
        .append(r.ranking().metric())
        .append(" (")
        .append(r.ranking().order().label())
        .append("); shared ")
        .append(c.shared())
        .append(", only in A ")
        .append(c.onlyA().length)
        .append(", only in B ")
        .append(c.onlyB().length)
        .append('\n');
    sb.append(item)
        .append("matched on: ")
        .append(r.rule().matched().isEmpty() ? "(no key)" : String.join(", ", r.rule().matched()))
        .append('\n');
    r.rule()
        .ignored()
        .forEach(
            (k, why) ->
                sb.append(item).append("ignored ").append(k).append(": ").append(why).append('\n'));
    sb.append(item)
        .append("winner A: ")
        .append(c.a().jobIds()[0])
        .append(" (")
        .append(r.rule().describe(r.configA(0)))
        .append(")\n");
    sb.append(item)
        .append("winner B: ")
        .append(c.b().jobIds()[0])
        .append(" (")
        .append(r.rule().describe(r.configB(0)))
        .append(")\n");
    for (String n : c.notes()) {
      sb.append(item).append("note: ").append(n).append('\n');
    }
    movers(sb, r, "Biggest movers up", r.moversUp(), md);
    movers(sb, r, "Biggest movers down", r.moversDown(), md);
    oneSided(sb, r, "Only in A", c.onlyA(), true, md);
    oneSided(sb, r, "Only in B", c.onlyB(), false, md);
    return sb.toString();
  }

  /**
   * A section's title with its row count, and {@code none} when it has no rows.
   *
   * @return whether rows follow
   */
  private static boolean heading(StringBuilder sb, String title, int rows, boolean md) {
    sb.append('\n').append(md ? "## " : "").append(title).append(" (").append(rows).append(")");
    sb.append(md ? "\n\n" : ":\n");
    if (rows == 0) {
      sb.append(md ? "none\n" : "  none\n");
      return false;
    }
    return true;
  }

  private static void movers(
      StringBuilder sb, CompareReport r, String title, int[] rows, boolean md) {
    Comparison c = r.comparison();
    String metric = c.a().metrics().get(0);
    if (!heading(sb, title, rows.length, md)) {
      return;
    }
    if (md) {
      sb.append("| rank A | rank B | change | job A | job B | ")
          .append(metric)
          .append(" A | ")
          .append(metric)
          .append(" B | delta | config |\n");
      sb.append("| ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- |\n");
    }
    for (int i : rows) {
      int ra = c.sharedA()[i];
      int rb = c.sharedB()[i];
      double x = c.a().metric(ra, 0);
      double y = c.b().metric(rb, 0);
      List<String> cells =
          List.of(
              Integer.toString(ra + 1),
              Integer.toString(rb + 1),
              String.format(java.util.Locale.ROOT, "%+d", CompareRun.rankChange(c, i)),
              c.a().jobIds()[ra],
              c.b().jobIds()[rb],
              num(x),
              num(y),
              num(y - x),
              r.rule().describe(r.configA(ra)));
      if (md) {
        sb.append("| ")
            .append(String.join(" | ", cells.stream().map(CompareText::cell).toList()))
            .append(" |\n");
      } else {
        sb.append("  #")
            .append(cells.get(0))
            .append(" -> #")
            .append(cells.get(1))
            .append(" (")
            .append(cells.get(2))
            .append(")  ")
            .append(cells.get(3))
            .append(cells.get(3).equals(cells.get(4)) ? "" : " / " + cells.get(4))
            .append("  ")
            .append(metric)
            .append(' ')
            .append(cells.get(5))
            .append(" -> ")
            .append(cells.get(6))
            .append("  ")
            .append(cells.get(8))
            .append('\n');
      }
    }
  }

  private static void oneSided(
      StringBuilder sb, CompareReport r, String title, int[] rows, boolean sideA, boolean md) {
    if (!heading(sb, title, rows.length, md)) {
      return;
    }
    if (md) {
      sb.append("| rank | job | config |\n| ---: | --- | --- |\n");
    }
    int shown = Math.min(rows.length, ONE_SIDED_LISTED);
    for (int k = 0; k < shown; k++) {
      int i = rows[k];
      String id = sideA ? r.comparison().a().jobIds()[i] : r.comparison().b().jobIds()[i];
      Map<String, Object> config = sideA ? r.configA(i) : r.configB(i);
      String desc = r.rule().describe(config);
      if (md) {
        sb.append("| ")
            .append(i + 1)
            .append(" | ")
            .append(cell(id))
            .append(" | ")
            .append(cell(desc))
            .append(" |\n");
      } else {
        sb.append("  #")
            .append(i + 1)
            .append("  ")
            .append(id)
            .append("  ")
            .append(desc)
            .append('\n');
      }
    }
    if (rows.length > shown) {
      sb.append(md ? "\n" : "  ").append("... and ").append(rows.length - shown).append(" more\n");
    }
  }

  private static String num(double x) {
    return Double.isFinite(x) ? NumberFormats.number(x, 2) : "n/a";
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
