/**
 * The {@code arbtune} command line: thin picocli commands that parse options, call the library,
 * print, and map outcomes to the exit codes in {@link dev.arbtune.cli.ExitCodes}.
 */
package dev.arbtune.cli;
