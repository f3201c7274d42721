/**
 * The result document (Contract 1 in {@code docs/ARCHITECTURE.md}): one JSON file per job, written
 * by the runner and read by the aggregator.
 *
 * <p>{@link dev.arbtune.result.ResultReader} turns bytes into a {@link
 * dev.arbtune.result.ResultDocument} or a {@link dev.arbtune.result.ResultFormatException} that
 * says what is wrong and where: plain documents in one pass of its own, everything else with
 * Jackson's streaming parser. {@link dev.arbtune.result.Json} holds the one configured JSON factory
 * and writer every part of arbtune shares.
 *
 * <p>"The seed" is the original D39 aggregator that arbtune stays compatible with; what it
 * specifies, where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.result;
