package dev.arbtune.testing;

import dev.arbtune.cli.Main;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs arbtune's CLI in a child JVM on the tests' class path. */
public final class ChildCli {

  private ChildCli() {}

  /** {@code java [jvmOptions] -cp CLASSPATH dev.arbtune.cli.Main args...}. */
  public static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** {@code java -cp CLASSPATH dev.arbtune.cli.Main args...}. */
  public static List<String> command(String... args) {
    return command(List.of(), args);
  }
}
