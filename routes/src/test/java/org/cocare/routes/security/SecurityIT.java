package org.cocare.routes.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.Test;

/** Only health is open; each role reaches what it needs and nothing else. */
class SecurityIT extends ApplicationIT {

  @Test
  void health_isOpen_butShowsNoDetailsToStrangers() {
    HttpResponse<String> health = get(null, "/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP").doesNotContain("components").doesNotContain("db");
  }

  @Test
  void everythingElse_needsAuthentication() {
    assertThat(get(null, "/fhir/metadata").statusCode()).isEqualTo(401);
    assertThat(get(null, "/api/patients/x/recommendations").statusCode()).isEqualTo(401);
    assertThat(post(null, "/fhir", FHIR_JSON, example("bundles/maria-diabetes.json")).statusCode())
        .isEqualTo(401);
    assertThat(get(null, "/actuator/prometheus").statusCode()).isEqualTo(401);
    assertThat(count("messages")).isZero();
  }

  @Test
  void wrongPassword_isRefused() {
    HttpResponse<String> response =
        send(
            null,
            HttpRequest.newBuilder(uri("/fhir/metadata"))
                .header("Authorization", "Basic aW50ZWdyYXRpb246d3Jvbmc=")
                .GET());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void rolesReachOnlyTheirEndpoints() {
    assertThat(
            post("clinician", "/fhir", FHIR_JSON, example("bundles/maria-diabetes.json"))
                .statusCode())
        .isEqualTo(403);
    assertThat(get("integration", "/api/patients/x/recommendations").statusCode()).isEqualTo(403);
    assertThat(get("clinician", "/api/dead-letters").statusCode()).isEqualTo(403);
    assertThat(get("clinician", "/actuator/prometheus").statusCode()).isEqualTo(403);
    assertThat(get("clinician", "/api/patients/x/recommendations").statusCode()).isEqualTo(200);
    assertThat(get("admin", "/api/dead-letters").statusCode()).isEqualTo(200);
  }

  @Test
  void metrics_countMessages_forTheAdmin() {
    post("integration", "/fhir", FHIR_JSON, example("bundles/maria-diabetes.json"));
    post(
        "integration",
        "/fhir",
        FHIR_JSON,
        "{\"resourceType\":\"Patient\",\"id\":\"bad_id\"}".getBytes());

    HttpResponse<String> metrics = get("admin", "/actuator/prometheus");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("cocare_messages_received_total")
        .contains("cocare_messages_rejected_total")
        .contains("cocare_evaluations_seconds_count")
        .contains("cocare_messages_dead_lettered_total");
  }
}
