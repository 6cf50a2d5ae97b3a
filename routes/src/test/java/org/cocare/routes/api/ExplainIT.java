package org.cocare.routes.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/patients/{id}/explain} on a stored record. */
class ExplainIT extends ApplicationIT {
  static final String MARIA = "60717189-2e24-48b6-905a-aa1f416c0091";

  @Test
  void storedPatient_isExplainedAsOfTheDate_withRulesAndSources() {
    post("integration", "/fhir", FHIR_JSON, example("bundles/maria-diabetes.json"));

    HttpResponse<String> response =
        get("clinician", "/api/patients/" + MARIA + "/explain?asOf=2026-11-29");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode explanation = json(response);
    assertThat(explanation.path("asOf").asString()).isEqualTo("2026-11-29");
    assertThat(explanation.path("periodStart").asString()).isEqualTo("2026-01-01");
    JsonNode education = null;
    for (JsonNode recommendation : explanation.path("recommendations")) {
      if ("education-diabetes-self-management".equals(recommendation.path("code").asString())) {
        education = recommendation;
      }
    }
    assertThat(education).isNotNull();
    assertThat(education.path("rule").asString()).isEqualTo("education-from-catalogue");
    assertThat(education.path("evidence").get(0).asString()).startsWith("Condition/");
    assertThat(explanation.path("findings").findValuesAsString("code")).contains("diabetes");
  }

  @Test
  void unknownPatient_is404_andOnlyClinicalRolesMayAsk() {
    assertThat(get("clinician", "/api/patients/nobody/explain").statusCode()).isEqualTo(404);
    assertThat(get("integration", "/api/patients/nobody/explain").statusCode()).isEqualTo(403);
  }
}
