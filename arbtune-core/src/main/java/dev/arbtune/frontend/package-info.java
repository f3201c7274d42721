/**
 * What every arbtune front end shares (the {@code arbtune} command line, the Spark application and
 * the benchmark tools): the exit codes ({@link dev.arbtune.frontend.ExitCodes}), the mapping of
 * exceptions to messages and codes ({@link dev.arbtune.frontend.ErrorHandler}, {@link
 * dev.arbtune.frontend.UserInputException}), the version, and the picocli mixins of the options
 * several commands share ({@link dev.arbtune.frontend.AggregationOptions}, {@link
 * dev.arbtune.frontend.RankingOptions}, {@link dev.arbtune.frontend.ParetoOption}, {@link
 * dev.arbtune.frontend.StrictOption}, {@link dev.arbtune.frontend.MaxErrorsOption}). It imports no
 * front end; where it sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.frontend;
