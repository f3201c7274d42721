package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanClaimsTest {

  @Test
  void aNameIsNewOnceThenNamesItsFirstLine() {
    PlanClaims claims = new PlanClaims();

    assertThat(claims.claim("s/a.json", 3)).isZero();
    assertThat(claims.claim("s/b.json", 4)).isZero();
    assertThat(claims.claim("s/a.json", 9)).isEqualTo(3);
    assertThat(claims.claim("s/a.json", 12)).isEqualTo(3);
    assertThat(claims.size()).isEqualTo(2);
  }

  @Test
  void remembersEveryNameAcrossGrowth() {
    PlanClaims claims = new PlanClaims();
    int n = 50_000;

    for (int i = 1; i <= n; i++) {
      assertThat(claims.claim("sess/sess_" + i + ".json", i)).isZero();
    }

    for (int i = 1; i <= n; i += 7) {
      assertThat(claims.claim("sess/sess_" + i + ".json", n + i)).isEqualTo(i);
    }
    assertThat(claims.size()).isEqualTo(n);
  }

  @Test
  void lineNumbersTooLargeToRememberAreReportedAsUnknown() {
    PlanClaims claims = new PlanClaims();

    claims.claim("x", 1L << 40);

    assertThat(claims.claim("x", (1L << 40) + 1)).isEqualTo(-1);
  }
}
