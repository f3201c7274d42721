package dev.arbtune.cli;

import java.io.PrintWriter;
import java.util.spi.ToolProvider;

/**
 * arbtune as a {@link ToolProvider} named {@code arbtune}, so that other JVM code (the Spark
 * application's tests, a notebook kernel, a build plugin) runs any command without depending on
 * this package: {@code ToolProvider.findFirst("arbtune").orElseThrow().run(out, err, "aggregate",
 * "--results-dir", "results")}. Same behaviour and exit codes as {@link Main#run}.
 */
public final class ArbtuneTool implements ToolProvider {

  /** The name {@link ToolProvider#findFirst} finds it by. */
  public static final String NAME = "arbtune";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int run(PrintWriter out, PrintWriter err, String... args) {
    return Main.run(out, err, args);
  }
}
