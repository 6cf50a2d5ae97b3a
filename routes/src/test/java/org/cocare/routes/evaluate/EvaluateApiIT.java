package org.cocare.routes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dry run answers like the CLI and changes nothing. */
class EvaluateApiIT extends ApplicationIT {

  @Test
  void dryRun_returnsRecommendationsAsOfTheDate_andStoresNothing() {
    HttpResponse<String> response =
        post(
            "clinician",
            "/api/evaluate?asOf=2026-11-29",
            FHIR_JSON,
            example("bundles/james-discharged.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode patients = json(response);
    assertThat(patients.size()).isEqualTo(1);
    assertThat(patients.get(0).path("asOf").asString()).isEqualTo("2026-11-29");
    JsonNode task = null;
    for (JsonNode recommendation : patients.get(0).path("recommendations")) {
      if ("followup-post-discharge".equals(recommendation.path("code").asString())) {
        task = recommendation;
      }
    }
    assertThat(task).as("the post-discharge task").isNotNull();
    assertThat(task.path("due").asString()).isEqualTo("2026-12-01");
    assertThat(count("messages") + count("patient_resources") + count("recommendations")).isZero();
  }

  @Test
  void aMonthLater_theDischargeIsOutsideTheWindow() {
    HttpResponse<String> response =
        post(
            "clinician",
            "/api/evaluate?asOf=2027-01-15",
            FHIR_JSON,
            example("bundles/james-discharged.json"));

    assertThat(json(response).get(0).path("recommendations").findValuesAsString("code"))
        .doesNotContain("followup-post-discharge");
  }

  @Test
  void invalidContent_getsTheSameOutcomeAsIngest() {
    HttpResponse<String> response =
        post(
            "clinician",
            "/api/evaluate",
            FHIR_JSON,
            "{\"resourceType\":\"Patient\",\"id\":\"bad_id\"}".getBytes());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("OperationOutcome").contains("COCARE-1002");
  }
}
