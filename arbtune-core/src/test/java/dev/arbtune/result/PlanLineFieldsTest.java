package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanLineFieldsTest {

  @Test
  void writesTheThreeKeysInContractOrderAsOneCompactLine() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("data_file", "q.csv");
    config.put("tag", null);
    PlanLineFields line = new PlanLineFields("j_0001", config, "j/j_0001.json");
    assertThat(line.toJsonLine())
        .isEqualTo(
            "{\"job_id\":\"j_0001\",\"config\":{\"data_file\":\"q.csv\",\"tag\":null},"
                + "\"output_json\":\"j/j_0001.json\"}");
    assertThat(line.toMap().keySet())
        .containsExactly(PlanLineFields.JOB_ID, PlanLineFields.CONFIG, PlanLineFields.OUTPUT_JSON);
  }

  @Test
  @SuppressWarnings("unchecked")
  void readsBackWhatItWrites() throws Exception {
    PlanLineFields written = new PlanLineFields("a", Map.of("slippage_bps", 3.0), "a/a.json");
    Map<String, Object> parsed = new ObjectMapper().readValue(written.toJsonLine(), Map.class);
    assertThat(PlanLineFields.read(parsed)).isEqualTo(written);
  }

  @Test
  void readsAFieldOfTheWrongKindAsMissing() {
    Map<String, Object> object = new HashMap<>();
    object.put("job_id", " ");
    object.put("config", List.of(1));
    object.put("output_json", 7);
    object.put("other", "ignored");
    assertThat(PlanLineFields.read(object)).isEqualTo(new PlanLineFields(null, null, null));
    object.put("job_id", 12);
    object.put("config", "{}");
    object.put("output_json", "");
    assertThat(PlanLineFields.read(object)).isEqualTo(new PlanLineFields(null, null, ""));
  }

  @Test
  void writingNeedsAllThreeFields() {
    assertThatThrownBy(() -> new PlanLineFields(null, Map.of(), "x.json").toJsonLine())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new PlanLineFields("j", null, "x.json").toMap())
        .isInstanceOf(IllegalStateException.class);
    assertThat(Arrays.asList(PlanLineFields.JOB_ID, PlanLineFields.CONFIG))
        .containsExactly("job_id", "config");
  }
}
