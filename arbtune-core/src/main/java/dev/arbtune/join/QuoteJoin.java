package dev.arbtune.join;

/**
 * Joins two venues' quote streams into the engine's quotes table, as of every event, streaming.
 * (Skeleton: written by the join engine's change.)
 */
public final class QuoteJoin {

  private QuoteJoin() {}
}
