package org.cocare.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.rules.ruleset.RuleSet;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The explanation says why: population, exclusion with its evidence, and each rule's source. */
class ExplanationTest {
  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final RuleSet RULES = RuleSet.loadDefault();
  static final Evaluator EVALUATOR =
      new Evaluator(new RuleEngine(RULES), Clock.systemUTC(), new SimpleMeterRegistry());
  static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);

  static List<Resource> record(boolean inHospice) {
    String patient =
        "{\"resourceType\":\"Patient\",\"id\":\"x1\",\"birthDate\":\"1966-05-01\",\"gender\":\"female\"}";
    String visit =
        "{\"resourceType\":\"Encounter\",\"id\":\"visit\",\"status\":\"finished\",\"class\":{\"code\":\"AMB\"},"
            + "\"type\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"185349003\"}]}],"
            + "\"subject\":{\"reference\":\"Patient/x1\"},\"period\":{\"start\":\"2026-03-02T09:00:00Z\",\"end\":\"2026-03-02T09:30:00Z\"}}";
    String hospice =
        "{\"resourceType\":\"Encounter\",\"id\":\"hospice\",\"status\":\"finished\",\"class\":{\"code\":\"HH\"},"
            + "\"type\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"183919006\"}]}],"
            + "\"subject\":{\"reference\":\"Patient/x1\"},\"period\":{\"start\":\"2026-06-01\",\"end\":\"2026-06-20\"}}";
    List<String> json = inHospice ? List.of(patient, visit, hospice) : List.of(patient, visit);
    return json.stream().map(j -> (Resource) FHIR.newJsonParser().parseResource(j)).toList();
  }

  @Test
  void patientInHospice_isInTheColorectalPopulation_butExcluded_withTheEncounterAndTheSource() {
    Explanation explanation = EVALUATOR.explain("x1", record(true), AS_OF);

    assertThat(explanation.periodStart()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(explanation.populations())
        .anySatisfy(
            p -> {
              assertThat(p.code()).isEqualTo("CMS130");
              assertThat(p.source()).contains("CMS130");
            });
    assertThat(explanation.exclusions())
        .anySatisfy(
            e -> {
              assertThat(e.code()).isEqualTo("CMS130");
              assertThat(e.detail()).isEqualTo("hospice care");
              assertThat(e.evidence()).containsExactly("Encounter/hospice");
              assertThat(e.rule()).isEqualTo("CMS130-exclusion-hospice");
            });
    assertThat(explanation.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("hospice"));
    assertThat(explanation.recommendations())
        .noneMatch(r -> r.code().equals("screening-colorectal"));
  }

  @Test
  void withoutHospice_theGapIsOpen_andTheRecommendationNamesItsRule() {
    Explanation explanation = EVALUATOR.explain("x1", record(false), AS_OF);

    assertThat(explanation.exclusions()).noneMatch(e -> e.code().equals("CMS130"));
    assertThat(explanation.recommendations())
        .anySatisfy(
            r -> {
              assertThat(r.code()).isEqualTo("screening-colorectal");
              assertThat(r.rule()).isEqualTo("CMS130-screening-colorectal");
              assertThat(r.evidence()).contains("Patient/x1", "Encounter/visit");
            });
    assertThat(EVALUATOR.evaluate("x1", record(false), AS_OF).recommendations())
        .anyMatch(r -> "CMS130".equals(r.measure()));
  }

  @Test
  void education_namesTheItemsGuideline_andWhyTheTextIsPlain() {
    String patient =
        "{\"resourceType\":\"Patient\",\"id\":\"x2\",\"birthDate\":\"1970-01-01\","
            + "\"communication\":[{\"language\":{\"coding\":[{\"system\":\"urn:ietf:bcp:47\",\"code\":\"zh-CN\"}]},\"preferred\":true}]}";
    String copd =
        "{\"resourceType\":\"Condition\",\"id\":\"copd\",\"subject\":{\"reference\":\"Patient/x2\"},"
            + "\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},"
            + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"13645005\"}]}}";
    String schooling =
        "{\"resourceType\":\"Observation\",\"id\":\"edu\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/x2\"},"
            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"82589-3\"}]},\"effectiveDateTime\":\"2025-02-01\","
            + "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LA30189-7\"}]}}";
    List<Resource> record =
        List.of(patient, copd, schooling).stream()
            .map(j -> (Resource) FHIR.newJsonParser().parseResource(j))
            .toList();

    Explanation explanation = EVALUATOR.explain("x2", record, AS_OF);

    assertThat(explanation.findings())
        .anySatisfy(
            f -> {
              assertThat(f.code()).isEqualTo("plain-language");
              assertThat(f.evidence()).containsExactly("Observation/edu");
              assertThat(f.rule()).isEqualTo("classify-plain-language");
            });
    assertThat(explanation.recommendations())
        .anySatisfy(
            r -> {
              assertThat(r.code()).isEqualTo("education-copd-inhaler-technique");
              assertThat(r.rule()).isEqualTo("education-from-catalogue");
              assertThat(r.source()).startsWith("GOLD 2025");
              assertThat(r.evidence()).containsExactly("Condition/copd");
            });
    assertThat(EVALUATOR.evaluate("x2", record, AS_OF).recommendations())
        .filteredOn(r -> r.code().equals("education-copd-inhaler-technique"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.content().language()).isEqualTo("zh-CN");
              assertThat(r.content().variant()).isEqualTo("plain");
            });
  }
}
