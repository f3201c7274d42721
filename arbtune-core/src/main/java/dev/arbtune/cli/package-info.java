/**
 * The {@code arbtune} command line: thin picocli commands that parse options, call the library,
 * print, and map outcomes to the exit codes in {@link dev.arbtune.frontend.ExitCodes}.
 *
 * <p>"The seed" is the original D39 aggregator that arbtune stays compatible with; what it
 * specifies, where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.cli;
