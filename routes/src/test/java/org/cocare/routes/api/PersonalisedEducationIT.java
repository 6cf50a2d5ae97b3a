package org.cocare.routes.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cocare.routes.ApplicationIT;
import org.cocare.rules.content.Catalogue;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 3's acceptance for education, over HTTP: a patient who prefers zh-CN reads the Chinese
 * catalogue text, an English speaker the English one, and evaluating the same patient again within
 * the repeat period sends no second copy.
 */
class PersonalisedEducationIT extends ApplicationIT {
  private static final String LI_CHEN = "5f0b2620-60b1-423d-bb22-8bf5a2f966c2";
  private static final String LI_CHEN_DIABETES = "fda121ae-3fa4-4feb-9500-ec74ba99d7ab";
  private static final String MARIA = "60717189-2e24-48b6-905a-aa1f416c0091";
  private static final String CODE = "education-diabetes-self-management";
  private static final String ITEM = "diabetes-self-management";
  private static final Catalogue CATALOGUE = RuleSet.loadDefault().catalogue();

  @Test
  void zhCnPatient_readsTheChineseText_asFhirAndJson() {
    post(
        "integration",
        "/fhir/$process-message",
        FHIR_JSON,
        example("messages/admission-message.json"));
    EducationContent chinese = CATALOGUE.content(ITEM, "zh-CN", false);

    JsonNode request = communicationRequest(LI_CHEN, CODE);
    assertThat(request.path("language").asString()).isEqualTo("zh-CN");
    assertThat(payload(request)).containsExactly(chinese.title(), chinese.summary());
    assertThat(chinese.title()).containsPattern("\\p{IsHan}");

    JsonNode view = recommendation(LI_CHEN, CODE);
    assertThat(view.path("content").path("language").asString()).isEqualTo("zh-CN");
    assertThat(view.path("content").path("variant").asString()).isEqualTo("standard");
    assertThat(view.path("content").path("title").asString()).isEqualTo(chinese.title());
  }

  @Test
  void englishSpeaker_readsTheEnglishText() {
    post("integration", "/fhir", FHIR_JSON, example("bundles/maria-diabetes.json"));
    EducationContent english = CATALOGUE.content(ITEM, "en", false);

    JsonNode request = communicationRequest(MARIA, CODE);
    assertThat(request.path("language").asString()).isEqualTo("en");
    assertThat(payload(request)).containsExactly(english.title(), english.summary());
  }

  @Test
  void samePatientAgain_withinTheRepeatPeriod_getsNoSecondCopy() {
    post(
        "integration",
        "/fhir/$process-message",
        FHIR_JSON,
        example("messages/admission-message.json"));
    assertThat(copies(LI_CHEN, CODE)).isEqualTo(1);

    // The diagnosis resolves (the open education closes), then recurs: the rules ask for the item
    // again, but it was sent days ago.
    putDiabetes("2", "resolved");
    putDiabetes("3", "recurrence");

    assertThat(copies(LI_CHEN, CODE)).isEqualTo(1);
    assertThat(communicationRequest(LI_CHEN, CODE).path("status").asString()).isEqualTo("revoked");
  }

  private void putDiabetes(String version, String clinicalStatus) {
    String condition =
        """
        {"resourceType":"Condition","id":"%s","meta":{"versionId":"%s"},
         "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
         "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"E11.9"}]},
         "subject":{"reference":"Patient/%s"}}
        """
            .formatted(LI_CHEN_DIABETES, version, clinicalStatus, LI_CHEN);
    assertThat(
            put(
                    "integration",
                    "/fhir/Condition/" + LI_CHEN_DIABETES,
                    FHIR_JSON,
                    condition.getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isBetween(200, 201);
  }

  private long copies(String patient, String code) {
    List<JsonNode> found = new ArrayList<>();
    json(get("clinician", "/api/patients/" + patient + "/recommendations"))
        .forEach(r -> found.add(r));
    return found.stream().filter(r -> code.equals(r.path("code").asString())).count();
  }

  private JsonNode recommendation(String patient, String code) {
    for (JsonNode r : json(get("clinician", "/api/patients/" + patient + "/recommendations"))) {
      if (code.equals(r.path("code").asString())) {
        return r;
      }
    }
    throw new AssertionError("no " + code + " for " + patient);
  }

  private JsonNode communicationRequest(String patient, String code) {
    JsonNode bundle =
        json(get("clinician", "/fhir/CommunicationRequest?subject=Patient/" + patient));
    for (JsonNode entry : bundle.path("entry")) {
      JsonNode request = entry.path("resource");
      if (code.equals(
          request.path("reasonCode").get(0).path("coding").get(0).path("code").asString())) {
        return request;
      }
    }
    throw new AssertionError("no CommunicationRequest " + code + " for " + patient);
  }

  private static List<String> payload(JsonNode request) {
    List<String> texts = new ArrayList<>();
    request.path("payload").forEach(p -> texts.add(p.path("contentString").asString()));
    return texts;
  }
}
