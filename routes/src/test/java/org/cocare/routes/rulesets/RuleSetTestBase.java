package org.cocare.routes.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

/**
 * What the rule-set tests share: the rule-set state outlives a test (the database is shared by the
 * application context), so each test ends with version 1 active again, and a patient of a given age
 * is one PUT away.
 */
abstract class RuleSetTestBase extends ApplicationIT {
  static final String BASE = "/api/rulesets/cocare-default";
  static final String TEXT = "text/plain";

  @AfterEach
  void backToVersionOne() {
    if (activeVersion() != 1) {
      assertThat(post("approver", BASE + "/rollback?to=1", TEXT, new byte[0]).statusCode())
          .isEqualTo(200);
    }
  }

  /**
   * A birth date that makes a patient {@code years} old today (half a year past the birthday), so
   * the tests hold whatever day they run: the service evaluates as of today, in UTC.
   */
  static String bornYearsAgo(int years) {
    return LocalDate.now(ZoneOffset.UTC).minusYears(years).minusMonths(6).toString();
  }

  int activeVersion() {
    for (JsonNode summary : json(get("clinician", "/api/rulesets"))) {
      if (summary.path("name").asString().equals("cocare-default")) {
        return summary.path("activeVersion").asInt();
      }
    }
    throw new AssertionError("no cocare-default");
  }

  /** Sends (creates or updates) a patient with only a birth date; the HTTP status. */
  int sendPatient(String id, String birthDate) {
    return sendPatient(id, birthDate, null);
  }

  /**
   * Sends a patient with a birth date and, unless null, a gender: a changed resource, so it is
   * evaluated again (the very same body again is a duplicate and changes nothing).
   */
  int sendPatient(String id, String birthDate, String gender) {
    String patient =
        "{\"resourceType\":\"Patient\",\"id\":\""
            + id
            + "\",\"birthDate\":\""
            + birthDate
            + "\""
            + (gender == null ? "" : ",\"gender\":\"" + gender + "\"")
            + "}";
    return put("integration", "/fhir/Patient/" + id, FHIR_JSON, patient.getBytes()).statusCode();
  }
}
