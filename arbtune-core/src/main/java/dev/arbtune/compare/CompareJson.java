package dev.arbtune.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.result.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * The comparison as one JSON object (docs/COMPARE.md lists the keys), written as it streams over
 * the shared jobs: the output's size, not memory, grows with them.
 */
public final class CompareJson {

  private CompareJson() {}

  /** Writes the comparison to {@code out}, then a line break; does not close it. */
  public static void write(CompareReport r, Writer out) throws IOException {
    Comparison c = r.comparison();
    JsonGenerator g = Json.prettyWriter().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.writeStartObject();
    g.writeStringField("verdict", r.verdict());
    side(g, "a", r.pathA().toString(), r.summaryA());
    side(g, "b", r.pathB().toString(), r.summaryB());
    g.writeObjectFieldStart("ranking");
    g.writeStringField("metric", r.ranking().metric());
    g.writeStringField("order", r.ranking().order().label());
    g.writeEndObject();
    g.writeArrayFieldStart("matched_keys");
    for (String k : r.rule().matched()) {
      g.writeString(k);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("ignored_keys");
    for (Map.Entry<String, String> e : r.rule().ignored().entrySet()) {
      g.writeStartObject();
      g.writeStringField("key", e.getKey());
      g.writeStringField("reason", e.getValue());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("shared", c.shared());
    g.writeArrayFieldStart("only_in_a");
    for (int i : c.onlyA()) {
      job(g, c.a().jobIds()[i], i, r.configA(i));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("only_in_b");
    for (int i : c.onlyB()) {
      job(g, c.b().jobIds()[i], i, r.configB(i));
    }
    g.writeEndArray();
    g.writeFieldName("winner_a");
    job(g, c.a().jobIds()[0], 0, r.configA(0));
    g.writeFieldName("winner_b");
    job(g, c.b().jobIds()[0], 0, r.configB(0));
    g.writeBooleanField("winner_changed", c.winnerChanged());
    nullable(g, "old_winner_rank", c.oldWinnerRank());
    g.writeNumberField("top_k", c.topK());
    g.writeNumberField("top_k_shared", c.topKShared());
    g.writeNumberField("top_k_overlap", c.topKOverlap());
    nullable(g, "kendall_tau", c.kendallTau());
    nullable(g, "spearman_rho", c.spearmanRho());
    nullable(g, "rbo", c.rbo());
    g.writeNumberField("rbo_p", Comparison.RBO_P);
    g.writeArrayFieldStart("notes");
    for (String n : c.notes()) {
      g.writeString(n);
    }
    g.writeEndArray();
    g.writeBooleanField("diff_only", r.diffOnly());
    g.writeArrayFieldStart("shared_jobs");
    for (int i : r.rows()) {
      sharedJob(g, c, i);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("warnings");
    for (String w : r.warnings()) {
      g.writeString(w);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }

  private static void side(JsonGenerator g, String name, String path, AggregatedSummary s)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("path", path);
    g.writeNumberField("total_jobs", s.totalJobs());
    g.writeNumberField("success_jobs", s.successJobs());
    g.writeNumberField("error_jobs", s.errorJobs());
    g.writeNumberField("ranked_jobs", s.matchedJobs());
    g.writeEndObject();
  }

  private static void job(JsonGenerator g, String jobId, int index, Map<String, Object> config)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("job_id", jobId);
    g.writeNumberField("rank", index + 1);
    g.writeObjectField("config", config);
    g.writeEndObject();
  }

  private static void sharedJob(JsonGenerator g, Comparison c, int i) throws IOException {
    int ra = c.sharedA()[i];
    int rb = c.sharedB()[i];
    g.writeStartObject();
    g.writeStringField("job_id_a", c.a().jobIds()[ra]);
    g.writeStringField("job_id_b", c.b().jobIds()[rb]);
    g.writeNumberField("rank_a", ra + 1);
    g.writeNumberField("rank_b", rb + 1);
    g.writeNumberField("rank_change", CompareRun.rankChange(c, i));
    g.writeObjectFieldStart("metrics");
    for (int m = 0; m < c.a().metrics().size(); m++) {
      double x = c.a().metric(ra, m);
      double y = c.b().metric(rb, m);
      g.writeObjectFieldStart(c.a().metrics().get(m));
      number(g, "a", x);
      number(g, "b", y);
      number(g, "delta", y - x);
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, double x) throws IOException {
    if (Double.isFinite(x)) {
      g.writeNumberField(name, x);
    } else {
      g.writeNullField(name);
    }
  }

  private static void nullable(JsonGenerator g, String name, Number x) throws IOException {
    if (x == null) {
      g.writeNullField(name);
    } else if (x instanceof Integer n) {
      g.writeNumberField(name, n);
    } else {
      g.writeNumberField(name, x.doubleValue());
    }
  }
}
