package dev.arbtune.frontend;

import dev.arbtune.result.Metric;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The {@code Metrics:} section of the help of every command that ranks and filters jobs: each
 * metric of the {@link Metric} catalogue with the order {@code --sort-by} ranks it in, its unit and
 * what it measures. Generated, so that it cannot drift from what the ranking does.
 */
final class MetricHelp {

  /** The key of the section in picocli's usage message. */
  static final String SECTION_KEY = "arbtuneMetricList";

  static final String HEADING =
      "%nMetrics (--sort-by ranks each in the order shown unless --ascending or --descending"
          + " is given; neutral ones and metrics not listed rank highest first):%n";

  private MetricHelp() {}

  /** Adds the section to {@code spec}'s help, before the exit codes; once. */
  static void addTo(CommandSpec spec) {
    UsageMessageSpec usage = spec.usageMessage();
    if (usage.sectionMap().containsKey(SECTION_KEY)) {
      return;
    }
    List<String> keys = new ArrayList<>(usage.sectionKeys());
    int at = keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING);
    keys.add(at < 0 ? keys.size() : at, SECTION_KEY);
    usage.sectionMap().put(SECTION_KEY, help -> help.createHeading(HEADING) + table(help));
    usage.sectionKeys(keys);
  }

  /** One row per metric: key, order, unit, description (wrapped). */
  static String table(Help help) {
    int width = help.commandSpec().usageMessage().width();
    int key = longestKey() + 4;
    int order = "highest first".length() + 2;
    int unit = "count".length() + 2;
    int description = Math.max(20, width - key - order - unit);
    TextTable table =
        TextTable.forColumns(
            help.colorScheme(),
            new Column(key, 2, Overflow.SPAN),
            new Column(order, 0, Overflow.SPAN),
            new Column(unit, 0, Overflow.SPAN),
            new Column(description, 0, Overflow.WRAP));
    for (Metric m : Metric.values()) {
      table.addRowValues(m.key(), m.better().label(), m.unit().label(), m.description());
    }
    return table.toString();
  }

  private static int longestKey() {
    int n = 0;
    for (Metric m : Metric.values()) {
      n = Math.max(n, m.key().length());
    }
    return n;
  }
}
