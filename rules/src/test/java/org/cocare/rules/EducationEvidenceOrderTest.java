package org.cocare.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.cocare.rules.model.EncounterFact;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;

/**
 * The colorectal decision aid cites every finding of its topic, whatever the rule order: the CMS130
 * reminder's patient and both visits, also when the education rule is split in two (as value
 * analysis wants, peer-support invitations on a rule of their own), which changes the order in
 * which the engine reaches the accumulations.
 */
class EducationEvidenceOrderTest {
  private static final String TELEPHONE =
      "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.464.1003.101.12.1080";
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);

  @Test
  void decisionAid_citesThePatientAndBothVisits_withTheDefaultRules() {
    assertDecisionAidCitesTheReminder(RuleHarness.ruleBase());
  }

  @Test
  void decisionAid_citesThePatientAndBothVisits_withGroupInvitationsOnARuleOfTheirOwn() {
    RuleSet rules = RuleHarness.RULE_SET;
    String education = rules.file("education.drl");
    int start = education.indexOf("rule \"education-from-catalogue\"");
    String rule = education.substring(start);
    String split =
        education.substring(0, start)
            + rule.replace(
                "$item : EducationItem( suits(",
                "$item : EducationItem( format != EducationItem.Format.GROUP_INVITATION, suits(")
            + "\n"
            + rule.replace("\"education-from-catalogue\"", "\"education-group-invitation\"")
                .replace(
                    "$item : EducationItem( suits(",
                    "$item : EducationItem( format == EducationItem.Format.GROUP_INVITATION, suits(");
    assertThat(split).contains("rule \"education-group-invitation\"");
    TreeMap<String, String> files = new TreeMap<>(rules.files());
    files.put("education.drl", split);
    files.put(
        RuleSet.RULES_FILE,
        rules.file(RuleSet.RULES_FILE).stripTrailing()
            + "\neducation-group-invitation,Invitations to peer-support groups,Patient education,network\n");
    assertDecisionAidCitesTheReminder(
        RuleHarness.compile(new RuleSet(rules.name(), "split", files)));
  }

  private static void assertDecisionAidCitesTheReminder(org.cocare.rules.ruleset.RuleBase base) {
    List<Object> facts =
        List.of(
            RuleHarness.patient("p", LocalDate.of(1957, 8, 3)),
            RuleHarness.condition("dm", RuleHarness.SNOMED, "44054006", "active", "confirmed"),
            visit("v1", LocalDate.of(2026, 4, 14)),
            visit("v2", LocalDate.of(2026, 9, 22)));

    List<Recommendation> out =
        RuleHarness.evaluate(base, AS_OF, facts, RuleHarness.RULE_SET.parameters())
            .recommendations();

    assertThat(out)
        .filteredOn(r -> r.code().equals("screening-colorectal"))
        .extracting(Recommendation::evidence)
        .containsExactly(List.of("Patient/p", "Encounter/v1", "Encounter/v2"));
    assertThat(out)
        .filteredOn(r -> r.code().equals("education-colorectal-screening-decision-aid"))
        .extracting(Recommendation::evidence)
        .containsExactly(List.of("Encounter/v1", "Encounter/v2", "Patient/p"));
  }

  private static EncounterFact visit(String id, LocalDate day) {
    return new EncounterFact(id, List.of(), Set.of(TELEPHONE), "finished", "VR", day, day, null);
  }
}
