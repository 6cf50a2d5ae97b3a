package org.cocare.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;

/** Which measures a rule set names in its recommendations, read from its text. */
class RecommendingRulesTest {

  @Test
  void defaultRuleSet_namesItsSevenMeasures() {
    RecommendingRules rules = RecommendingRules.of(RuleSet.loadDefault());

    for (String measure :
        new String[] {"CMS122", "CMS124", "CMS125", "CMS130", "CMS131", "CMS165", "CMS2"}) {
      assertThat(rules.name(measure)).as(measure).isTrue();
    }
    assertThat(rules.name("CMS69")).isFalse();
  }

  @Test
  void measureInACondition_orInAConsequenceWithoutRecommendation_isNotNamed() {
    String drl =
        """
        package org.cocare.rules.test

        import org.cocare.rules.model.Eligible
        import org.cocare.rules.model.Excluded
        import org.cocare.rules.model.PatientFact
        import org.cocare.rules.recommendation.Kind
        import org.cocare.rules.recommendation.Priority
        import org.cocare.rules.recommendation.Recommendation
        import java.time.LocalDate
        import java.util.List

        rule "guideline-reminder-unless-cms130"
        when
            $p : PatientFact()
            not Eligible( code == "CMS130" )
        then
            insertLogical(Recommendation.screening(
                "screening-x", "r", "USPSTF", "reason", List.of($p.reference()), LocalDate.MIN));
        end

        rule "cms124-classification-only"
        when
            $p : PatientFact()
        then
            insertLogical(new Excluded("CMS124", "end of rule", List.of($p.reference())));
        end

        rule "cms2-gap"
        when
            $p : PatientFact()
        then
            insertLogical(Recommendation.careGap("screening-depression", Kind.SCREENING_REMINDER,
                "CMS2", "CMS2 v1", "r", "reason", List.of($p.reference()), LocalDate.MIN,
                Priority.ROUTINE));
        end
        """;
    TreeMap<String, String> files = new TreeMap<>(Map.of("test.drl", drl));

    RecommendingRules rules = RecommendingRules.of(new RuleSet("test", "1", files));

    assertThat(rules.name("CMS2")).isTrue();
    assertThat(rules.name("CMS130")).isFalse();
    assertThat(rules.name("CMS124")).isFalse();
  }
}
