package dev.arbtune.plan;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.VenueFiles;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a session file (YAML; the format is described in {@code docs/SESSION.md}) into a {@link
 * SessionConfig}.
 *
 * <p>Every error names the field (a path such as {@code grids[1].range.step}) and, when the field
 * is in the file, its line: {@code session.yaml:12: grids[1].range.step: must be > 0, got 0}. The
 * YAML is read safely: no object is ever built from a YAML tag, and anchors, aliases, tags, nesting
 * deeper than 16 and documents over 1 MiB are refused (see {@code docs/SESSION.md}).
 */
public final class SessionFile {

  /** Largest session file accepted, in bytes (1 MiB). */
  public static final int MAX_BYTES = YamlTree.MAX_CODE_POINTS;

  static final String DATA_FILE = BacktestConfig.DATA_FILE;
  static final String TAG_PREFIX = "tag_prefix";
  static final String GRIDS = "grids";
  static final String MAX_JOBS = "max_jobs";
  static final String SAMPLER = "sampler";
  static final String SAMPLES = "samples";
  static final String SEED = "seed";

  /** The runner fields a session file may fix (every one but {@code tag}, and the venue keys). */
  static final List<String> FIXED_FIELDS =
      BacktestConfig.ALL_FIELDS.stream().filter(f -> !f.equals(BacktestConfig.TAG)).toList();

  /** Every top-level key of a session file. */
  public static final List<String> KEYS = keys();

  private static final List<String> GRID_KEYS = List.of("name", "values", "range");
  private static final List<String> RANGE_KEYS = List.of("start", "stop", "step");
  private static final List<String> SAMPLERS = List.of("grid", "random");

  private final String source;

  /** Line of every field path seen, for errors raised by the records. */
  private final Map<String, Integer> lines = new HashMap<>();

  private SessionFile(String source) {
    this.source = source;
  }

  /**
   * Reads and validates the session file {@code file}; errors name it as given.
   *
   * @throws java.nio.file.NoSuchFileException when {@code file} does not exist
   * @throws IOException when it cannot be read
   * @throws SessionConfigException when it is not a valid session file: not UTF-8, over {@link
   *     #MAX_BYTES}, invalid or refused YAML, or any field wrong
   */
  public static SessionConfig load(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw new SessionConfigException(
          source, 0, null, "is a directory; expected a session file (YAML)", null);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, source);
    }
  }

  /**
   * The line of the top-level {@code key} in the session file {@code file}, for a message about its
   * value found wrong after planning (a {@code data_file} that is not there); 0 when the file
   * cannot be read again (a pipe) or has no such key.
   */
  public static int lineOf(Path file, String key) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(key, "key");
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        return 0;
      }
      YamlNode root =
          YamlTree.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      YamlNode node = root.isMap() ? root.map().get(key) : null;
      return node == null ? 0 : node.line();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * Reads and validates a session file from {@code in} (e.g. stdin), which is not closed; reads at
   * most {@link #MAX_BYTES} and one byte more.
   *
   * @param source how errors name the input, e.g. {@code stdin}
   * @throws IOException when it cannot be read
   * @throws SessionConfigException as {@link #load}
   */
  public static SessionConfig read(InputStream in, String source) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new SessionConfigException(
          source, 0, null, "is larger than " + MAX_BYTES + " bytes; a session file is small", null);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new SessionConfigException(source, 0, null, "is not UTF-8 text", e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return parse(text, source);
  }

  /**
   * Reads and validates a session from YAML text.
   *
   * @param source how errors name the text, e.g. its file name
   * @throws SessionConfigException when it is not a valid session
   */
  public static SessionConfig parse(String yaml, String source) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(source, "source");
    YamlNode root = YamlTree.read(yaml, source);
    return new SessionFile(source).interpret(root);
  }

  private SessionConfig interpret(YamlNode root) {
    if (root.value() == null) {
      throw error(
          null, root.line(), "the session file is empty; it needs at least data_file: PATH");
    }
    if (!root.isMap()) {
      throw error(
          null,
          root.line(),
          "expected a mapping of keys (data_file: ..., grids: ...), got " + root.describe());
    }
    Map<String, YamlNode> top = root.map();
    for (Map.Entry<String, YamlNode> e : top.entrySet()) {
      String key = e.getKey();
      lines.put(key, e.getValue().line());
      if (key.equals(BacktestConfig.TAG)) {
        throw error(
            key, e.getValue().line(), "the tag is set from tag_prefix; write tag_prefix: NAME");
      }
      if (!KEYS.contains(key)) {
        throw error(key, e.getValue().line(), "unknown key" + BacktestConfig.suggestion(key, KEYS));
      }
    }
    BacktestConfig base = base(top);
    List<ParamGrid> grids = grids(top.get(GRIDS));
    Long maxJobs = optionalLong(top, MAX_JOBS);
    Sampler sampler = sampler(top);
    try {
      return new SessionConfig(base, grids, sampler, maxJobs);
    } catch (SessionConfigException e) {
      throw locate(e);
    }
  }

  private BacktestConfig base(Map<String, YamlNode> top) {
    Map<String, Object> fixed = new LinkedHashMap<>();
    for (String field : FIXED_FIELDS) {
      YamlNode n = top.get(field);
      if (n != null && n.value() != null) {
        fixed.put(field, n.value());
      }
    }
    YamlNode prefix = top.get(TAG_PREFIX);
    if (prefix != null && prefix.value() != null) {
      if (!(prefix.value() instanceof String)) {
        throw error(
            TAG_PREFIX,
            prefix.line(),
            "expected a name such as sess001, got " + prefix.describe() + " (quote it)");
      }
      fixed.put(BacktestConfig.TAG, prefix.value());
    }
    try {
      return BacktestConfig.fromMap(fixed);
    } catch (ConfigException e) {
      String field = e.field().equals(BacktestConfig.TAG) ? TAG_PREFIX : e.field();
      YamlNode n = top.get(field);
      if (n == null && VenueFiles.FIELDS.contains(field)) { // a venue file missing: where the
        // other venue keys are
        n =
            VenueFiles.FIELDS.stream()
                .map(top::get)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
      }
      String problem = e.getMessage().substring(e.field().length() + 2);
      throw error(field, n == null ? 0 : n.line(), problem);
    }
  }

  private List<ParamGrid> grids(YamlNode node) {
    if (node == null || node.value() == null) {
      return List.of();
    }
    if (!node.isList()) {
      throw error(
          GRIDS,
          node.line(),
          "expected a list of grids (- name: FIELD, values: [...]), got " + node.describe());
    }
    List<ParamGrid> grids = new ArrayList<>();
    List<YamlNode> items = node.list();
    for (int i = 0; i < items.size(); i++) {
      grids.add(grid(items.get(i), GRIDS + "[" + i + "]"));
    }
    return grids;
  }

  private ParamGrid grid(YamlNode item, String path) {
    lines.put(path, item.line());
    if (!item.isMap()) {
      throw error(
          path,
          item.line(),
          "expected a grid (name: FIELD with values: [...] or range: {start, stop, step}), got "
              + item.describe());
    }
    Map<String, YamlNode> m = item.map();
    checkKeys(m, GRID_KEYS, path);
    YamlNode name = m.get("name");
    if (name == null || name.value() == null) {
      throw error(path + ".name", item.line(), "is required: the runner field to vary");
    }
    if (!(name.value() instanceof String)) {
      throw error(path + ".name", name.line(), "expected a field name, got " + name.describe());
    }
    YamlNode values = m.get("values");
    YamlNode range = m.get("range");
    if (values == null && range == null) {
      throw error(path, item.line(), "needs values: [...] or range: {start: A, stop: B, step: C}");
    }
    if (values != null && range != null) {
      throw error(path, range.line(), "has both values and range; keep one");
    }
    String field = (String) name.value();
    if (!BacktestConfig.NUMERIC_FIELDS.contains(field)) { // before the values, which may not fit
      throw error(path + ".name", name.line(), ParamGrid.notVariable(field));
    }
    if (values != null) {
      List<BigDecimal> list = values(values, path + ".values");
      try {
        return new ParamGrid(field, list);
      } catch (SessionConfigException e) {
        throw locate(e.underField(path));
      }
    }
    return range(field, range, path + ".range", path);
  }

  private List<BigDecimal> values(YamlNode node, String path) {
    if (!node.isList()) {
      throw error(path, node.line(), "expected a list of numbers, got " + node.describe());
    }
    List<YamlNode> items = node.list();
    if (items.isEmpty()) {
      throw error(path, node.line(), "is empty; list at least one value");
    }
    List<BigDecimal> values = new ArrayList<>(items.size());
    for (int j = 0; j < items.size(); j++) {
      String p = path + "[" + j + "]";
      lines.put(p, items.get(j).line());
      values.add(number(items.get(j), p));
    }
    return values;
  }

  private ParamGrid range(String name, YamlNode node, String path, String gridPath) {
    if (!node.isMap()) {
      throw error(
          path, node.line(), "expected {start: A, stop: B, step: C}, got " + node.describe());
    }
    Map<String, YamlNode> m = node.map();
    checkKeys(m, RANGE_KEYS, path);
    BigDecimal[] bounds = new BigDecimal[3];
    for (int k = 0; k < 3; k++) {
      String key = RANGE_KEYS.get(k);
      YamlNode v = m.get(key);
      if (v == null || v.value() == null) {
        throw error(path + "." + key, node.line(), "is required (range: {start, stop, step})");
      }
      bounds[k] = number(v, path + "." + key);
    }
    try {
      return ParamGrid.range(name, bounds[0], bounds[1], bounds[2]);
    } catch (SessionConfigException e) {
      throw locate(e.underField(gridPath));
    }
  }

  private Sampler sampler(Map<String, YamlNode> top) {
    YamlNode node = top.get(SAMPLER);
    String kind = "grid";
    if (node != null && node.value() != null) {
      if (!(node.value() instanceof String s) || !SAMPLERS.contains(s)) {
        String suggestion =
            node.value() instanceof String s ? BacktestConfig.suggestion(s, SAMPLERS) : "";
        throw error(
            SAMPLER, node.line(), "expected grid or random, got " + node.describe() + suggestion);
      }
      kind = (String) node.value();
    }
    Long samples = optionalLong(top, SAMPLES);
    Long seed = optionalLong(top, SEED);
    if (kind.equals("grid")) {
      for (String key : List.of(SAMPLES, SEED)) {
        if (top.get(key) != null && top.get(key).value() != null) {
          throw error(key, top.get(key).line(), "is only used with sampler: random");
        }
      }
      return Sampler.grid();
    }
    int line = node.line();
    if (samples == null) {
      throw error(SAMPLES, line, "is required with sampler: random (how many jobs to draw)");
    }
    if (seed == null) {
      throw error(
          SEED,
          line,
          "is required with sampler: random (any integer; the same seed draws the same jobs)");
    }
    try {
      return Sampler.random(samples, seed);
    } catch (SessionConfigException e) {
      throw locate(e);
    }
  }

  private Long optionalLong(Map<String, YamlNode> top, String key) {
    YamlNode n = top.get(key);
    if (n == null || n.value() == null) {
      return null;
    }
    if (!(n.value() instanceof BigDecimal d)) {
      throw error(key, n.line(), "expected an integer, got " + n.describe());
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      throw error(key, n.line(), "expected an integer, got " + n.describe());
    }
  }

  private BigDecimal number(YamlNode n, String path) {
    if (!(n.value() instanceof BigDecimal d)) {
      throw error(path, n.line(), "expected a number, got " + n.describe());
    }
    return d;
  }

  private void checkKeys(Map<String, YamlNode> m, List<String> allowed, String path) {
    for (Map.Entry<String, YamlNode> e : m.entrySet()) {
      String p = path + "." + e.getKey();
      lines.put(p, e.getValue().line());
      if (!allowed.contains(e.getKey())) {
        throw error(
            p,
            e.getValue().line(),
            "unknown key (expected "
                + String.join(", ", allowed)
                + ")"
                + BacktestConfig.suggestion(e.getKey(), allowed));
      }
    }
  }

  /** Adds the file and the line of the error's field (or of the nearest enclosing field). */
  private SessionConfigException locate(SessionConfigException e) {
    String f = e.field();
    Integer line = null;
    while (f != null && (line = lines.get(f)) == null) {
      int cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
      f = cut > 0 ? f.substring(0, cut) : null;
    }
    return e.locatedAt(source, line == null ? 0 : line);
  }

  private SessionConfigException error(String field, int line, String problem) {
    return new SessionConfigException(source, line, field, problem, null);
  }

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    keys.add(DATA_FILE);
    keys.add(TAG_PREFIX);
    FIXED_FIELDS.stream().filter(f -> !f.equals(DATA_FILE)).forEach(keys::add);
    keys.addAll(List.of(GRIDS, MAX_JOBS, SAMPLER, SAMPLES, SEED));
    return List.copyOf(keys);
  }
}
