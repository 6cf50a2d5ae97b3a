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
 * reminder's patient and both visits. The findings come and go while the record is classified (the
 * USPSTF reminder, patient only, gives way to CMS130's once the visits make the patient part of the
 * measure; CMS130's visit list grows visit by visit). With peer-group invitations on a rule of
 * their own, sharing the catalogue rule's first patterns, Drools did not bring the aid's
 * accumulated list up to date after its first match: without the education rules' salience -1 it
 * kept the USPSTF reminder's patient alone.
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
  void decisionAid_citesThePatientAndBothVisits_withTheGroupInvitationRuleWrittenFirst() {
    RuleSet rules = RuleHarness.RULE_SET;
    String education = rules.file("education.drl");
    int catalogue = education.indexOf("// Act: each catalogue item");
    int group = education.indexOf("// Act: each peer-support group");
    assertThat(catalogue).isPositive().isLessThan(group);
    String groupFirst =
        education.substring(0, catalogue)
            + education.substring(group)
            + "\n"
            + education.substring(catalogue, group);
    TreeMap<String, String> files = new TreeMap<>(rules.files());
    files.put("education.drl", groupFirst);
    assertDecisionAidCitesTheReminder(
        RuleHarness.compile(new RuleSet(rules.name(), "group-first", files)));
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
