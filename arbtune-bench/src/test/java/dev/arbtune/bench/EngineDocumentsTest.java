package dev.arbtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.bench.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineDocumentsTest {

  @TempDir Path tmp;

  private static String doc(int trades, String runtime, String pnl) {
    return "{\"status\": \"success\", \"config\": {\"min_spread_bps\": 1.0}, \"metrics\":"
        + " {\"total_trades\": "
        + trades
        + ", \"closed_trades\": "
        + trades
        + ", \"avg_holding_seconds\": "
        + trades * 2
        + ", \"runtime_seconds\": "
        + runtime
        + ", \"realized_pnl_usd\": "
        + pnl
        + "}}";
  }

  private Path root(String name, String... docs) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir.resolve("t"));
    for (int i = 0; i < docs.length; i++) {
      Files.writeString(dir.resolve("t/job_" + i + ".json"), docs[i]);
    }
    Files.writeString(dir.resolve(".arbtune.lock"), "1");
    return dir;
  }

  @Test
  void countsTradesAndFindsDocumentsEqualButForTheirRuntime() throws Exception {
    Path a = root("a", doc(0, "0.1", "0.0"), doc(3, "0.2", "1.5"), doc(0, "0.3", "0.0"));
    Path b = root("b", doc(0, "0.9", "0.0"), doc(3, "0.8", "1.5"), doc(0, "0.7", "0.0"));
    Files.writeString(a.resolve("t/job_3.json"), "{\"status\": \"error\", \"error\": \"x\"}");
    Files.writeString(b.resolve("t/job_3.json"), "{\"status\": \"error\", \"error\": \"x\"}");

    Tools.Result r =
        Tools.run(new EngineDocuments(), "--root", a.toString(), "--same-as", b.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.number("documents")).isEqualTo(4);
    assertThat(r.number("errors")).isEqualTo(1);
    assertThat(r.value("trades_mean")).isEqualTo("1.0000");
    assertThat(r.value("no_trade_share")).isEqualTo("0.6667");
    assertThat(r.number("trades_max")).isEqualTo(3);
    assertThat(r.value("holding_seconds_mean")).isEqualTo("6.000");
    assertThat(r.number("identical")).isEqualTo(4);
    assertThat(r.number("differing")).isZero();
  }

  @Test
  void aMetricThatDiffersOrAMissingDocumentFails() throws Exception {
    Path a = root("a", doc(1, "0.1", "0.5"), doc(2, "0.1", "1.0"));
    Path b = root("b", doc(1, "0.1", "0.5"), doc(2, "0.1", "1.000001"));
    Path c = root("c", doc(1, "0.1", "0.5"));

    Tools.Result differs =
        Tools.run(new EngineDocuments(), "--root", a.toString(), "--same-as", b.toString());
    Tools.Result missing =
        Tools.run(new EngineDocuments(), "--root", a.toString(), "--same-as", c.toString());
    Tools.Result extra =
        Tools.run(new EngineDocuments(), "--root", c.toString(), "--same-as", a.toString());

    assertThat(differs.exitCode()).isEqualTo(1);
    assertThat(differs.number("differing")).isEqualTo(1);
    assertThat(differs.err()).contains("job_1.json differs between");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.number("missing")).isEqualTo(1);
    assertThat(extra.exitCode()).isEqualTo(1);
    assertThat(extra.number("extra")).isEqualTo(1);
  }

  /** Documents are compared byte for byte (but for runtime_seconds), not as parsed JSON. */
  @Test
  void aDocumentDifferingOnlyInKeyOrderOrLayoutDiffers() throws Exception {
    String doc = doc(1, "0.1", "0.5");
    String reordered =
        doc.replace(
            "{\"total_trades\": 1, \"closed_trades\": 1,",
            "{\"closed_trades\": 1, \"total_trades\": 1,");
    String laidOut = doc.replace(", \"metrics\":", ",\n  \"metrics\":");
    assertThat(reordered).isNotEqualTo(doc);
    assertThat(laidOut).isNotEqualTo(doc);
    Path a = root("a", doc, doc);
    Path b = root("b", reordered, laidOut);

    Tools.Result r =
        Tools.run(new EngineDocuments(), "--root", a.toString(), "--same-as", b.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.number("identical")).isZero();
    assertThat(r.number("differing")).isEqualTo(2);
  }
}
