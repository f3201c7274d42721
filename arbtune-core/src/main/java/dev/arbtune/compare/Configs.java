package dev.arbtune.compare;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.JobCollector;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The third pass over a side: the configs of the jobs the output lists, by job id. */
public final class Configs implements JobCollector<Configs> {

  private final Set<String> wanted;
  private final Map<String, Map<String, Object>> configs = new HashMap<>();

  /** Collects the configs of the ranked jobs whose ids are in {@code wanted}. */
  public Configs(Set<String> wanted) {
    this.wanted = Objects.requireNonNull(wanted, "wanted");
  }

  @Override
  public void accept(AggregatedJobResult job) {
    if (wanted.contains(job.jobId())) {
      configs.putIfAbsent(job.jobId(), job.config());
    }
  }

  @Override
  public void merge(Configs other) {
    other.configs.forEach(configs::putIfAbsent);
  }

  /** The config of {@code jobId}, or an empty map. */
  public Map<String, Object> of(String jobId) {
    return configs.getOrDefault(jobId, Map.of());
  }
}
