package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultWriterTest {

  @TempDir Path dir;

  /**
   * Documents written by Python's {@code json.dump(doc, f, indent=2)}, as the seed's runner did.
   */
  private static Path pythonWritten(String name) throws Exception {
    return Path.of(ResultWriterTest.class.getResource("/python-written/" + name).toURI());
  }

  @Test
  void successDocumentIsByteForByteTheSeedLayout() throws Exception {
    Path seed = pythonWritten("sess001_0001.json");
    ResultDocument doc = new ResultReader().read(seed);
    Path written = dir.resolve("out/sess001_0001.json");

    new ResultWriter(false).writeSuccess(written, doc.declaredJobId(), doc.config(), doc.metrics());

    assertThat(Files.readString(written)).isEqualTo(Files.readString(seed));
  }

  @Test
  void errorDocumentIsByteForByteTheSeedLayout() throws Exception {
    Path seed = pythonWritten("sess001_0033.json");
    ResultDocument doc = new ResultReader().read(seed);
    Path written = dir.resolve("sess001_0033.json");

    new ResultWriter(true).writeError(written, doc.declaredJobId(), doc.config(), doc.error());

    assertThat(Files.readString(written)).isEqualTo(Files.readString(seed));
  }

  @Test
  void errorDocumentWithoutConfigOrJobIdIsReadBackAsAnError() throws Exception {
    StringWriter out = new StringWriter();

    ResultWriter.error(out, null, null, "plan line 3: not valid JSON");
    ResultDocument doc = new ResultReader().read(out.toString().getBytes("UTF-8"));

    assertThat(doc.isSuccess()).isFalse();
    assertThat(doc.status()).isEqualTo("error");
    assertThat(doc.error()).isEqualTo("plan line 3: not valid JSON");
    assertThat(doc.declaredJobId()).isNull();
    assertThat(doc.config()).isEmpty();
  }

  @Test
  void nullValuesAndIntegersSurviveARoundTrip() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("data_file", "d.csv");
    config.put("stop_on_drawdown_pct", null);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("total_trades", 3);
    metrics.put("profit_factor", null);
    metrics.put("realized_pnl_usd", 1.5);
    StringWriter out = new StringWriter();

    ResultWriter.success(out, "j1", config, metrics);
    ResultDocument doc = new ResultReader().read(out.toString().getBytes("UTF-8"));

    assertThat(doc.isSuccess()).isTrue();
    assertThat(doc.declaredJobId()).isEqualTo("j1");
    assertThat(doc.config()).containsEntry("stop_on_drawdown_pct", null);
    assertThat(doc.metrics())
        .containsEntry("total_trades", 3L)
        .containsEntry("profit_factor", null);
    assertThat(out.toString()).endsWith("}\n");
  }
}
