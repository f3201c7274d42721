package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DuplicateJobIdsTest {

  @Test
  void keepsTheSmallestIdsWithTheirCountsAndCountsTheRest() {
    DuplicateJobIds d = new DuplicateJobIds(2);
    d.add("c", 4);
    d.add("a", 2);
    d.add("d", 2);
    d.add("b", 3);

    assertThat(d.warnings())
        .extracting(Warning::message)
        .containsExactly(
            "job_id \"a\" is claimed by 2 documents", "job_id \"b\" is claimed by 3 documents");
    assertThat(d.untoldClaims()).isEqualTo(3 + 1);
  }

  @Test
  void ignoresIdsClaimedOnce() {
    DuplicateJobIds d = new DuplicateJobIds(5);
    d.add("a", 1);

    assertThat(d.warnings()).isEmpty();
    assertThat(d.untoldClaims()).isZero();
  }

  @Test
  void mergingEqualsAddingEverythingToOne() {
    DuplicateJobIds left = new DuplicateJobIds(2);
    DuplicateJobIds right = new DuplicateJobIds(2);
    DuplicateJobIds all = new DuplicateJobIds(2);
    String[] ids = {"q", "b", "x", "a", "m"};
    for (int i = 0; i < ids.length; i++) {
      (i % 2 == 0 ? left : right).add(ids[i], i + 2);
      all.add(ids[i], i + 2);
    }

    left.merge(right);

    assertThat(left.warnings()).isEqualTo(all.warnings());
    assertThat(left.untoldClaims()).isEqualTo(all.untoldClaims());
  }

  @Test
  void aZeroLimitListsNothingButCountsEverything() {
    DuplicateJobIds d = new DuplicateJobIds(0);
    d.add("a", 3);

    assertThat(d.warnings()).isEmpty();
    assertThat(d.untoldClaims()).isEqualTo(2);
  }
}
