package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradesCsvTest {

  @Test
  void writesClosedAndOpenTradesWithEmptyExitColumnsForOpenOnes() throws Exception {
    Instant t = Instant.parse("2024-01-01T00:00:01Z");
    List<Trade> trades =
        List.of(
            new Trade(
                1,
                Direction.BUY_A_SELL_B,
                t,
                t.plusSeconds(3),
                10,
                100,
                100.5,
                101,
                100.25,
                0.5,
                2.0),
            new Trade(
                2,
                Direction.BUY_B_SELL_A,
                t.plusSeconds(5),
                null,
                20,
                50,
                50.5,
                Double.NaN,
                Double.NaN,
                0.25,
                -1.5));
    StringWriter out = new StringWriter();

    TradesCsv.write(trades, out);

    assertThat(out.toString())
        .isEqualTo(
            "trade_id,direction,status,entry_time,exit_time,quantity,entry_buy_price,"
                + "entry_sell_price,exit_sell_price,exit_buy_price,fees_usd,pnl_usd\n"
                + "1,buy_a_sell_b,closed,2024-01-01T00:00:01Z,2024-01-01T00:00:04Z,10.0,100.0,"
                + "100.5,101.0,100.25,0.5,2.0\n"
                + "2,buy_b_sell_a,open,2024-01-01T00:00:06Z,,20.0,50.0,50.5,,,0.25,-1.5\n");
  }
}
