/**
 * Joining two venues' own quote files into the engine's quotes table: each venue's file read in its
 * own format ({@link dev.arbtune.join.VenueReaders}), the two streams joined as of every event with
 * a staleness limit ({@link dev.arbtune.join.QuoteJoin}), in bounded memory.
 */
package dev.arbtune.join;
