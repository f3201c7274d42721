/**
 * File-system helpers shared by the commands: writing files so that no reader sees half of one
 * ({@link dev.arbtune.io.AtomicFiles}), where each output option writes ({@link
 * dev.arbtune.io.OutputTarget}), and messages that name the path and the cause ({@link
 * dev.arbtune.io.IoMessages}, {@link dev.arbtune.io.Excerpt}).
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.io;
