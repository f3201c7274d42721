package dev.arbtune.join;

/** A cursor that can copy its current quote's prices as ASCII bytes, without a char detour. */
interface PriceText {

  /**
   * Writes the current quote's prices as {@code BID,ASK} (the text {@link VenueQuotes#appendBid}
   * and {@link VenueQuotes#appendAsk} append) into {@code out} at {@code at}.
   *
   * @return where the text ends, or -1 when {@code out} has no room for it or the cursor cannot
   *     copy it (then nothing is written)
   */
  int copyPrices(byte[] out, int at);
}
