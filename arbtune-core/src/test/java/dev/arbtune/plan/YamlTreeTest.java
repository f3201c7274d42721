package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeTest {

  private static SessionConfigException error(String yaml) {
    SessionConfigException e =
        catchThrowableOfType(SessionConfigException.class, () -> YamlTree.read(yaml, "s.yaml"));
    assertThat(e).as("expected an error for:%n%s", yaml).isNotNull();
    return e;
  }

  @Test
  void readsMappingsListsAndScalarsWithTheirLines() {
    YamlNode root = YamlTree.read("a: 1\nb:\n  - x\n  - 2.5\nc: {d: true, e: ~}\n", "s.yaml");
    assertThat(root.map()).containsOnlyKeys("a", "b", "c");
    assertThat(root.map().get("a")).isEqualTo(new YamlNode(BigDecimal.ONE, 1));
    assertThat(root.map().get("b").line()).isEqualTo(2);
    List<YamlNode> b = root.map().get("b").list();
    assertThat(b).containsExactly(new YamlNode("x", 3), new YamlNode(new BigDecimal("2.5"), 4));
    assertThat(root.map().get("c").map().get("d").value()).isEqualTo(true);
    assertThat(root.map().get("c").map().get("e").value()).isNull();
  }

  @Test
  void readsDecimalNumbersExactlyAndIntegersOfAnySize() {
    YamlNode root = YamlTree.read("a: 0.1\nb: 1_000\nc: 12345678901234567890\nd: -1.5e3\n", "s");
    assertThat(root.map().get("a").value()).isEqualTo(new BigDecimal("0.1"));
    assertThat(root.map().get("b").value()).isEqualTo(new BigDecimal("1000"));
    assertThat(root.map().get("c").value()).isEqualTo(new BigDecimal("12345678901234567890"));
    assertThat((BigDecimal) root.map().get("d").value()).isEqualByComparingTo("-1500");
  }

  @Test
  void refusesAnAliasBombAtTheFirstAnchor() {
    String bomb =
        """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """;
    SessionConfigException e = error(bomb);
    assertThat(e.getMessage())
        .isEqualTo("s.yaml:1: anchors (&a) are not allowed in a session file");
  }

  @Test
  void refusesAnAliasEvenWithoutAnAnchorInSight() {
    assertThat(error("a: 1\nb: *x\n").getMessage()).contains("s.yaml:2:", "*x", "not allowed");
  }

  @Test
  void refusesYamlTagsSoNoTypeCanBeNamed() {
    assertThat(error("a: !!python/object/apply:os.system [\"rm -rf /\"]\n").getMessage())
        .contains("s.yaml:1:", "YAML tags", "not allowed");
    assertThat(error("a: !!javax.script.ScriptEngineManager [x]\n").getMessage())
        .contains("YAML tags");
    assertThat(error("a: !custom 3\n").getMessage()).contains("YAML tags");
  }

  @Test
  void refusesDeepNesting() {
    String deep = "a: " + "[".repeat(40) + "1" + "]".repeat(40) + "\n";
    assertThat(error(deep).getMessage()).contains("s.yaml:1:", "nested deeper than 16 levels");
  }

  @Test
  void refusesAHugeDocumentBeforeParsingIt() {
    String huge = "a: \"" + "x".repeat(YamlTree.MAX_CODE_POINTS) + "\"\n";
    assertThat(error(huge).getMessage()).contains("may have at most 1048576");
  }

  @Test
  void refusesDuplicateKeysNamingBothLines() {
    assertThat(error("a: 1\nb: 2\na: 3\n").getMessage())
        .isEqualTo("s.yaml:3: duplicate key a (first at line 1); keep one");
  }

  @Test
  void refusesMoreThanOneDocument() {
    assertThat(error("a: 1\n---\nb: 2\n").getMessage()).contains("s.yaml:3:", "one YAML document");
  }

  @Test
  void refusesNumbersYamlWouldReadAsOctalOrHexNamingTheField() {
    assertThat(error("data_file: q.csv\nmin_spread_bps: 017\n").getMessage())
        .startsWith("s.yaml:2: min_spread_bps: 017 is not a plain decimal number (YAML reads a")
        .contains("octal");
    assertThat(error("a: 0x1F\n").getMessage())
        .startsWith("s.yaml:1: a: 0x1F is not a plain decimal number (YAML reads 0x as hex");
    assertThat(error("grids:\n  - name: x\n    values: [1, 010]\n").getMessage())
        .startsWith("s.yaml:3: grids[0].values[1]: 010 is not a plain decimal");
  }

  @Test
  void refusesNumbersOutOfRangeAndSaysWhy() {
    assertThat(error("a: 1e999\n").getMessage())
        .startsWith("s.yaml:1: a: 1e999 is out of range for a number");
    assertThat(error("a: .inf\n").getMessage())
        .startsWith("s.yaml:1: a: .inf is not a plain decimal number (infinity and NaN")
        .doesNotContain("octal");
    assertThat(error("stop_on_drawdown_pct: 1e-999\n").getMessage())
        .startsWith("s.yaml:1: stop_on_drawdown_pct: 1e-999 underflows")
        .doesNotContain("got 0.0");
    assertThat(YamlTree.read("a: 0.0\nb: 1e-300\n", "s").value()).isNotNull();
  }

  @Test
  void reportsSyntaxErrorsWithTheirLineOnOneLine() {
    SessionConfigException e = error("a: 1\nb: [1, 2\nc: 3\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage()).startsWith("s.yaml:3: invalid YAML: ").doesNotContain("\n");
    SessionConfigException indent = error("a:\n  - b\n c: d\n");
    assertThat(indent.getMessage()).startsWith("s.yaml:3: invalid YAML: ").doesNotContain("\n");
  }

  @Test
  void aNumberBeyondTheParsersLimitIsASentenceWithItsLine() {
    SessionConfigException e = error("data_file: q.csv\nmin_spread_bps: " + "9".repeat(500) + "\n");

    assertThat(e.getMessage())
        .isEqualTo("s.yaml:2: invalid YAML: a number is longer than 400 characters");
  }

  @Test
  void anEmptyDocumentIsANullRoot() {
    assertThat(YamlTree.read("", "s").value()).isNull();
    assertThat(YamlTree.read("# nothing\n", "s").value()).isNull();
  }
}
