package dev.arbtune.backtest;

/**
 * A backtest whose numbers left the range of a double: every input was finite, but a metric came
 * out infinite or undefined (say, a position of 1000 USD at a price of 1e-306 is 1e309 units). The
 * runner makes such a job an error job with this message, instead of a success document holding
 * {@code Infinity}.
 */
public final class BacktestOverflowException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message one sentence naming the metric that overflowed
   */
  public BacktestOverflowException(String message) {
    super(message);
  }
}
