package dev.arbtune.join;

/**
 * What a join read, wrote and dropped. (Skeleton: the join engine's change gives it its fields.)
 *
 * @param rowsOut rows written
 */
public record JoinStats(long rowsOut) {}
