package org.cocare.routes.value;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cocare.engine.value.SyntheticAnswers;
import org.cocare.engine.value.SyntheticCohort;
import org.cocare.engine.value.SyntheticCohort.SyntheticRule;
import org.cocare.engine.value.SyntheticRecords;
import org.cocare.engine.value.ValueAnalysis;
import org.cocare.engine.value.ValueFilter;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.recommendation.GapClosureCounts;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.cocare.routes.ApplicationIT;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.ValueConfiguration;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The value figures over HTTP, on a generated cohort written through the real stores. Its rules are
 * the default rule set's, so their value configurations come from its rules.csv.
 */
class ValueApiIT extends ApplicationIT {
  static final List<SyntheticRule> RULES =
      List.of(
          new SyntheticRule(
              "screening-colorectal",
              "screening-colorectal",
              "CMS130",
              Kind.SCREENING_REMINDER,
              ValueConfiguration.CHAIN,
              0.3,
              0.25,
              30),
          new SyntheticRule(
              "education-group-invitation",
              "education-cancer-survivorship-peer-group",
              null,
              Kind.EDUCATION,
              ValueConfiguration.NETWORK,
              0.2,
              0.0,
              45));

  @Autowired DataSource dataSource;
  @Autowired ca.uhn.fhir.context.FhirContext context;
  @Autowired ParticipationQuestionnaire questionnaire;
  @Autowired ValueAnalysis analysis;
  @Autowired FhirReader reader;
  @Autowired Clock clock;

  @BeforeEach
  void writeCohort() {
    SyntheticCohort.Data data =
        SyntheticCohort.of(11, RULES)
            .withPatients(400)
            .withAnalysisDate(clock.instant())
            .generate();
    List<Resource> responses = new ArrayList<>();
    for (QuestionnaireAnswers a :
        SyntheticAnswers.typical()
            .generate(new ArrayList<>(data.traits().values()), 11)
            .answers()) {
      QuestionnaireResponse response =
          questionnaire.response(a.patientId(), a.items(), a.authored());
      response.setId("qr-" + a.patientId());
      responses.add(response);
    }
    new SyntheticRecords(dataSource, context)
        .write(data.traits().values(), data.recommendations(), responses, clock.instant());
  }

  @Test
  void funnel_byGender_showsEachGroupsFiguresAndTheFilterNarrowsThem() {
    JsonNode all = json(get("clinician", "/api/value/funnel?by=gender"));
    JsonNode women = json(get("approver", "/api/value/funnel?gender=female"));

    assertThat(all.path("dimension").asString()).isEqualTo("GENDER");
    assertThat(all.path("groups").findValuesAsString("name")).contains("female", "male");
    long womenIssued = women.path("groups").get(0).path("issued").asLong();
    JsonNode femaleGroup =
        all.path("groups")
            .valueStream()
            .filter(g -> g.path("name").asString().equals("female"))
            .findFirst()
            .orElseThrow();
    assertThat(womenIssued).isPositive().isEqualTo(femaleGroup.path("issued").asLong());
    assertThat(womenIssued)
        .isLessThan(
            json(get("clinician", "/api/value/funnel"))
                .path("groups")
                .get(0)
                .path("issued")
                .asLong());
    JsonNode opened = femaleGroup.path("stages").get(3);
    assertThat(opened.path("stage").asString()).isEqualTo("OPENED");
    assertThat(opened.path("ofIssued").path("lower").asDouble())
        .isLessThanOrEqualTo(opened.path("ofIssued").path("estimate").asDouble());
  }

  @Test
  void uplift_asJsonAndCsv_agreeWithTheAnalysis() {
    var report = analysis.uplift(ValueFilter.ALL, 90);

    JsonNode json = json(get("clinician", "/api/value/uplift?withinDays=90"));
    HttpResponse<String> csv = get("clinician", "/api/value/uplift?withinDays=90&format=csv");

    assertThat(json.path("rules").findValuesAsString("ruleId"))
        .containsExactlyInAnyOrder("screening-colorectal", "education-group-invitation");
    JsonNode remind =
        json.path("rules")
            .valueStream()
            .filter(r -> r.path("ruleId").asString().equals("screening-colorectal"))
            .findFirst()
            .orElseThrow();
    assertThat(remind.path("difference").path("estimate").asDouble())
        .isEqualTo(report.rule("screening-colorectal").difference().estimate());
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body().split("\r\n")).hasSize(3);
    assertThat(csv.body())
        .contains(
            "screening-colorectal,chain,"
                + report.rule("screening-colorectal").notified().successes());
  }

  @Test
  void mediation_givesThePathsAndTheBootstrapInterval_datasetExportsOneRowPerAnswer() {
    JsonNode mediation = json(get("clinician", "/api/value/mediation?seed=3"));
    HttpResponse<String> dataset = get("clinician", "/api/value/dataset");

    assertThat(mediation.path("a").asDouble()).isPositive();
    JsonNode indirect = mediation.path("report").path("indirect");
    assertThat(indirect.path("resamples").asInt()).isEqualTo(5000);
    assertThat(indirect.path("lower").asDouble())
        .isLessThanOrEqualTo(mediation.path("indirectEffect").asDouble());
    assertThat(dataset.body().split("\r\n").length).isEqualTo(1 + 400);
    assertThat(json(get("clinician", "/api/value/scales")).findValuesAsString("scale"))
        .containsExactly("ability", "behaviour", "value");
    assertThat(get("approver", "/api/value/dataset").statusCode()).isEqualTo(403);
  }

  @Test
  void measureReport_validatesAgainstR4_andCarriesTheAnalysisCounts() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    GapClosureCounts counts = analysis.measureCounts("CMS130", today.minusYears(1), today);

    HttpResponse<String> response =
        get(
            "approver",
            "/api/value/measure-report?measure=CMS130&from="
                + today.minusYears(1)
                + "&to="
                + today);

    assertThat(response.statusCode()).isEqualTo(200);
    MeasureReport report =
        context.newJsonParser().parseResource(MeasureReport.class, response.body());
    assertThat(reader.findings(report))
        .noneMatch(
            m ->
                m.getSeverity() == ResultSeverityEnum.ERROR
                    || m.getSeverity() == ResultSeverityEnum.FATAL);
    assertThat(counts.issued()).isPositive();
    assertThat(report.getGroupFirstRep().getPopulation())
        .anySatisfy(
            p -> {
              assertThat(p.getCode().getCodingFirstRep().getCode()).isEqualTo("numerator");
              assertThat(p.getCount()).isEqualTo(counts.completed());
            })
        .anySatisfy(
            p -> {
              assertThat(p.getCode().getCodingFirstRep().getCode()).isEqualTo("denominator");
              assertThat(p.getCount()).isEqualTo(counts.issued());
            });
  }

  @Test
  void badQueries_areRefusedWithAnOperationOutcome_integrationCannotRead() {
    HttpResponse<String> unknown = get("clinician", "/api/value/funnel?by=postcode");

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("OperationOutcome").contains("age-band");
    assertThat(get("clinician", "/api/value/mediation?resamples=1000").statusCode()).isEqualTo(400);
    assertThat(get("clinician", "/api/value/mediation?resamples=2000000000").statusCode())
        .isEqualTo(400);
    assertThat(get("integration", "/api/value/funnel").statusCode()).isEqualTo(403);
    assertThat(get(null, "/api/value/funnel").statusCode()).isEqualTo(401);
  }
}
