package dev.arbtune.frontend;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Adds HotSpot compiler directives from a file while the program runs, as {@code jcmd PID
 * Compiler.directives_add FILE} does. The {@code ./arbtune} launcher names its directives file
 * ({@code arbtune-core/src/main/jvm/c2-rows.json}: the optimising compiler only for the code that
 * loops over quote rows) in the system property {@link #PROPERTY} for the commands that run
 * backtests.
 *
 * <p>Why not the JVM option {@code -XX:CompilerDirectivesFile}: with it the JVM prints "3 compiler
 * directives added" on its own output at every start, and the only switch that silences that
 * ({@code -XX:-DisplayVMOutput}) also silences the JVM's reasons for failing to start. Here the
 * JVM's reply comes back as text (shown with {@code ARBTUNE_DEBUG} set), and a file it cannot read
 * leaves the JVM as it was. The diagnostic command is reached through the JDK's own implementation
 * classes (about 6 ms; the public route, the platform MBean server, costs about 200 ms at start),
 * which the launcher opens with {@code --add-opens}; without them, or on a JVM without these
 * classes, nothing is added and only speed differs: the directives choose compilers, never results.
 */
public final class CompilerDirectives {

  /** The system property naming the directives file. */
  public static final String PROPERTY = "arbtune.compilerDirectives";

  private CompilerDirectives() {}

  /**
   * Adds the directives of the file that {@link #PROPERTY} names.
   *
   * @return {@code null} when the property is not set, else the JVM's reply (e.g. {@code 3 compiler
   *     directives added}, or why the file was not read) or why the command could not be given;
   *     never throws
   */
  public static String addFromProperty() {
    String file = System.getProperty(PROPERTY);
    if (file == null) {
      return null;
    }
    try {
      return add(Path.of(file)).strip();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return "not added (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
  }

  /**
   * Gives the JVM the diagnostic command {@code Compiler.directives_add FILE}.
   *
   * @return the JVM's reply
   * @throws ReflectiveOperationException when the JDK's implementation classes are missing or not
   *     opened to this module
   */
  static String add(Path file) throws ReflectiveOperationException {
    Objects.requireNonNull(file, "file");
    // Its static initialiser loads the native library that runs diagnostic commands.
    Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl");
    Method vmManagement =
        Class.forName("sun.management.ManagementFactoryHelper")
            .getDeclaredMethod("getVMManagement");
    vmManagement.setAccessible(true);
    Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
    Constructor<?> constructor =
        impl.getDeclaredConstructor(Class.forName("sun.management.VMManagement"));
    constructor.setAccessible(true);
    Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
    execute.setAccessible(true);
    Object reply =
        execute.invoke(
            constructor.newInstance(vmManagement.invoke(null)),
            "Compiler.directives_add \"" + file.toAbsolutePath() + "\"");
    return String.valueOf(reply);
  }
}
