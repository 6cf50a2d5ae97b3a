package org.cocare.routes.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cocare.routes.rulesets.RuleSetPages.FileGroups;
import org.cocare.routes.rulesets.RuleSetPages.Problem;
import org.junit.jupiter.api.Test;

class RuleSetPagesTest {

  @Test
  void problemOfALine_isPlacedAtItsLine_withoutAColumn() {
    assertThat(Problem.of("rules.csv:12 gives rule screening-lung no title: fill one in"))
        .isEqualTo(
            new Problem("rules.csv", 12, null, "gives rule screening-lung no title: fill one in"));
    assertThat(Problem.of("followup.drl:7:5 no viable alternative"))
        .isEqualTo(new Problem("followup.drl", 7, "column 5", "no viable alternative"));
    assertThat(Problem.of("rules.csv: line 2 has 2 cells, header has 3"))
        .isEqualTo(new Problem(null, null, null, "rules.csv: line 2 has 2 cells, header has 3"));
  }

  @Test
  void rulesCsv_isGroupedAsRuleTitlesAndOwners() {
    FileGroups groups =
        FileGroups.of(List.of("cms130.drl", "rules.csv", "catalogue.csv", "parameters.properties"));

    assertThat(groups.metadata()).containsExactly("rules.csv");
    assertThat(groups.other()).isEmpty();
  }
}
