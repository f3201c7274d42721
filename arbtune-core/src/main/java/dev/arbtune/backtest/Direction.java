package dev.arbtune.backtest;

/** Which venue a trade buys on and which it sells on. */
public enum Direction {
  /** Buy on venue A at its ask, sell on venue B at its bid: profits when {@code s_ab} is high. */
  BUY_A_SELL_B("buy_a_sell_b"),
  /** Buy on venue B at its ask, sell on venue A at its bid: profits when {@code s_ba} is high. */
  BUY_B_SELL_A("buy_b_sell_a");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  /** The label used in the trade log, e.g. {@code buy_a_sell_b}. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
