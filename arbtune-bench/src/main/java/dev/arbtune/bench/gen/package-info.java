/**
 * Generates realistic benchmark input: folders of result documents (Contract 1, as the Python
 * runner lays them out) or one JSON Lines file, with the broken files real runs leave behind.
 * Deterministic by seed; {@link dev.arbtune.bench.gen.ResultDirGenerator} is the command.
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.bench.gen;
