/**
 * What every arbtune front end shares (the {@code arbtune} command line, the Spark application and
 * the benchmark tools): the exit codes ({@link dev.arbtune.frontend.ExitCodes}), the mapping of
 * exceptions to messages and codes ({@link dev.arbtune.frontend.ErrorHandler}, {@link
 * dev.arbtune.frontend.UserInputException}), the version, and the picocli mixin of the aggregation
 * options ({@link dev.arbtune.frontend.AggregationOptions}). It imports no front end; where it sits
 * and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.frontend;
