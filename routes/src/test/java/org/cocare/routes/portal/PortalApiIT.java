package org.cocare.routes.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.cocare.engine.record.PatientRecordStore;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The patient's API over real HTTP: each patient sees and answers only their own items, answers
 * land in the outcome timeline, and a home reading becomes an Observation that is evaluated.
 */
class PortalApiIT extends PortalTestBase {
  @Autowired PortalProperties properties;
  @Autowired PatientRecordStore records;

  @Test
  void items_areThePatientsOwn_inTheirPreferredLanguage_orTheOneAskedFor() {
    sendPatient("li", "zh-CN");
    String token = links.patientToken("li");

    JsonNode chinese = item(json(getAs(token, items("li"))), "screening-colorectal");
    JsonNode english = item(json(getAs(token, items("li") + "?lang=en")), "screening-colorectal");

    assertThat(chinese.path("title").asString()).isEqualTo("该做肠癌筛查了");
    assertThat(chinese.path("why").asString()).contains("肠癌");
    assertThat(chinese.path("text").asString()).isEqualTo("请联系您的诊所预约。");
    assertThat(chinese.path("kind").asString()).isEqualTo("screening-reminder");
    assertThat(chinese.path("due").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(chinese.path("urgent").asBoolean()).isFalse();
    assertThat(english.path("title").asString()).isEqualTo("Time for your bowel cancer screening");
    assertThat(english.path("id").asString())
        .isEqualTo(openRecommendation("li", "screening-colorectal"));
    assertThat(kinds("li", "screening-colorectal"))
        .as("listed twice, acknowledged once")
        .containsOnlyOnce("acknowledged");
  }

  @Test
  void anotherPatientsToken_isForbiddenOnTheirPath_theirIdsAreNotFoundOnOwn_nothingRecorded() {
    sendPatient("ann", null);
    sendPatient("bob", null);
    String annsToken = links.patientToken("ann");
    String bobsItem = openRecommendation("bob", "screening-colorectal");
    List<String> bobBefore = kinds("bob", "screening-colorectal");
    int messages = count("messages");

    HttpResponse<String> list = getAs(annsToken, items("bob"));
    assertThat(list.statusCode()).isEqualTo(403);
    assertThat(list.body()).contains("COCARE-5002").doesNotContain("screening-colorectal");
    for (String action : List.of("done", "opened", "remind-later")) {
      assertThat(postAs(annsToken, item("bob", bobsItem, action), null).statusCode())
          .as(action)
          .isEqualTo(403);
    }
    assertThat(postAs(annsToken, item("bob", bobsItem, "rating"), "{\"rating\":5}").statusCode())
        .isEqualTo(403);
    assertThat(
            postAs(annsToken, item("bob", bobsItem, "not-for-me"), "{\"reason\":\"prefer-not\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            postAs(
                    annsToken,
                    "/api/portal/patients/bob/readings",
                    "{\"type\":\"weight\",\"value\":70}")
                .statusCode())
        .isEqualTo(403);
    assertThat(postAs(annsToken, "/api/portal/patients/bob/opt-out", null).statusCode())
        .isEqualTo(403);

    HttpResponse<String> onOwnPath = postAs(annsToken, item("ann", bobsItem, "done"), null);
    assertThat(onOwnPath.statusCode()).isEqualTo(404);
    assertThat(onOwnPath.body()).contains("COCARE-3001");
    assertThat(postAs(annsToken, item("ann", bobsItem, "rating"), "{\"rating\":5}").statusCode())
        .isEqualTo(404);

    assertThat(kinds("bob", "screening-colorectal")).isEqualTo(bobBefore);
    assertThat(kinds("ann", "screening-colorectal")).doesNotContain("self-reported-done", "rated");
    assertThat(count("outreach_opt_outs")).isZero();
    assertThat(count("messages")).isEqualTo(messages);
  }

  @Test
  void noToken_aForgedOne_anExpiredOne_orAStaffPassword_isUnauthorized() {
    sendPatient("ann", null);
    String token = links.patientToken("ann");
    String bobsPayloadAnnsSignature =
        links.patientToken("bob").split("\\.")[0] + "." + token.split("\\.")[1];
    String expired =
        new PortalLinks(
                properties, Clock.fixed(Instant.now().minus(Duration.ofDays(31)), ZoneOffset.UTC))
            .patientToken("ann");

    HttpResponse<String> none = getAs(null, items("ann"));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(none.body()).contains("COCARE-5001");
    assertThat(getAs(token.substring(0, token.length() - 2) + "xx", items("ann")).statusCode())
        .isEqualTo(401);
    assertThat(getAs(bobsPayloadAnnsSignature, items("bob")).statusCode()).isEqualTo(401);
    assertThat(getAs(expired, items("ann")).statusCode()).isEqualTo(401);
    assertThat(get("admin", items("ann")).statusCode()).as("staff Basic").isEqualTo(401);
    assertThat(get("clinician", items("ann")).statusCode()).as("staff Basic").isEqualTo(401);

    assertThat(getAs(token, "/api/patients/ann/timeline").statusCode())
        .as("a patient token opens no staff endpoint")
        .isEqualTo(401);
    assertThat(getAs(token, "/api/patients/ann/recommendations").statusCode()).isEqualTo(401);
    assertThat(getAs(token, "/api/outcomes").statusCode()).isEqualTo(401);
    assertThat(getAs(token, "/fhir/metadata").statusCode()).isEqualTo(401);
  }

  @Test
  void eachAnswer_isInTheTimelineWithItsKindAndDetail_doneStaysDistinctFromCompleted() {
    sendPatient("cai", null);
    String token = links.patientToken("cai");
    String id = openRecommendation("cai", "screening-colorectal");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    assertThat(postAs(token, item("cai", id, "opened"), null).statusCode()).isEqualTo(200);
    assertThat(postAs(token, item("cai", id, "rating"), "{\"rating\":4}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> declined =
        postAs(
            token,
            item("cai", id, "not-for-me"),
            "{\"reason\":\"cost-or-access\",\"text\":\"too far\"}");
    assertThat(declined.statusCode()).isEqualTo(200);
    assertThat(json(declined).path("kind").asString()).isEqualTo("declined");
    assertThat(
            postAs(
                    token,
                    item("cai", id, "remind-later"),
                    "{\"until\":\"" + today.plusDays(10) + "\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(postAs(token, item("cai", id, "remind-later"), null).statusCode()).isEqualTo(200);
    assertThat(postAs(token, item("cai", id, "done"), null).statusCode()).isEqualTo(200);

    List<JsonNode> timeline = timeline("cai", "screening-colorectal");
    assertThat(timeline.stream().map(e -> e.path("kind").asString()))
        .containsSubsequence(
            "issued", "opened", "rated", "declined", "snoozed", "snoozed", "self-reported-done")
        .doesNotContain("completed");
    assertThat(timeline.stream().map(e -> e.path("detail").asString()))
        .contains(
            "portal",
            "rating=4",
            "reason=cost-or-access; text=too far",
            "until=" + today.plusDays(10),
            "until=" + today.plusDays(7));
    JsonNode listed = item(json(getAs(token, items("cai"))), "screening-colorectal");
    assertThat(listed.path("answer").asString()).isEqualTo("reported-done");
    assertThat(listed.path("rating").asInt()).isEqualTo(4);

    sendColonoscopy("cai");

    assertThat(kinds("cai", "screening-colorectal"))
        .containsSubsequence("self-reported-done", "completed");
    assertThat(
            json(
                get(
                    "clinician",
                    "/api/outcomes?kind=self-reported-done&code=screening-colorectal")))
        .hasSize(1);
    assertThat(json(get("clinician", "/api/outcomes?kind=completed&code=screening-colorectal")))
        .hasSize(1);
    HttpResponse<String> closed = postAs(token, item("cai", id, "done"), null);
    assertThat(closed.statusCode()).isEqualTo(409);
    assertThat(closed.body()).contains("COCARE-5004");
    assertThat(json(getAs(token, items("cai"))).findValuesAsString("code"))
        .doesNotContain("screening-colorectal");
  }

  @Test
  void invalidAnswers_areBadRequestsSayingWhatIsWrong_inThePatientsLanguage_andRecordNothing() {
    sendPatient("dan", null);
    String token = links.patientToken("dan");
    String id = openRecommendation("dan", "screening-colorectal");
    List<String> before = kinds("dan", "screening-colorectal");

    for (String rating : List.of("0", "6", "4.5", "\"four\"", "null")) {
      HttpResponse<String> refused =
          postAs(token, item("dan", id, "rating"), "{\"rating\":" + rating + "}");
      assertThat(refused.statusCode()).as(rating).isEqualTo(400);
      assertThat(refused.body()).contains("COCARE-5003");
    }
    assertThat(postAs(token, item("dan", id, "rating"), "{\"rating\":9}").body())
        .contains("Choose a rating from 1 to 5.");
    assertThat(postAs(token, item("dan", id, "rating") + "?lang=zh-CN", "{\"rating\":9}").body())
        .contains("请选择 1 到 5 之间的评分。");
    assertThat(postAs(token, item("dan", id, "not-for-me"), "{}").body())
        .contains("choose a reason or write a few words");
    assertThat(postAs(token, item("dan", id, "not-for-me"), "{\"reason\":\"bored\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            postAs(token, item("dan", id, "remind-later"), "{\"until\":\"2020-01-01\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(postAs(token, item("dan", id, "rating"), "not json").statusCode()).isEqualTo(400);

    assertThat(kinds("dan", "screening-colorectal")).isEqualTo(before);
  }

  @Test
  void bloodPressure185Over125_becomesAPatientReportedObservation_andRaisesTheUrgentFollowUp() {
    sendPatient("eve", null);
    String token = links.patientToken("eve");

    HttpResponse<String> sent =
        postAs(
            token,
            "/api/portal/patients/eve/readings",
            "{\"type\":\"bloodPressure\",\"systolic\":185,\"diastolic\":125}");

    assertThat(sent.statusCode()).isEqualTo(201);
    JsonNode submitted = json(sent);
    assertThat(submitted.path("status").asString()).isEqualTo("processed");
    String reference = submitted.path("observation").asString();
    Observation reading = observation("eve", reference);
    assertThat(reading.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
    assertThat(reading.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
    assertThat(reading.getCode().getCodingFirstRep().getCode()).isEqualTo("85354-9");
    assertThat(reading.getCategoryFirstRep().getCodingFirstRep().getCode())
        .isEqualTo("vital-signs");
    assertThat(reading.getComponent())
        .extracting(
            c -> c.getCode().getCodingFirstRep().getCode(),
            c -> ((Quantity) c.getValue()).getValue().intValue())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("8480-6", 185),
            org.assertj.core.groups.Tuple.tuple("8462-4", 125));
    assertThat(reading.getSubject().getReference()).isEqualTo("Patient/eve");
    assertThat(reading.getPerformerFirstRep().getReference()).isEqualTo("Patient/eve");
    assertThat(reading.getMeta().getTag())
        .anySatisfy(t -> assertThat(t.getCode()).isEqualTo("patient-reported"));
    assertThat(reading.hasEffectiveDateTimeType()).isTrue();
    JsonNode message = json(get("admin", "/api/messages/" + submitted.path("message").asString()));
    assertThat(message.path("source").asString()).startsWith("portal");
    assertThat(message.path("status").asString()).isEqualTo("processed");

    assertThat(
            json(get("clinician", "/api/patients/eve/recommendations")).findValuesAsString("code"))
        .contains("followup-bp-urgent");
    JsonNode urgent = item(json(getAs(token, items("eve") + "?lang=en")), "followup-bp-urgent");
    assertThat(urgent.path("urgent").asBoolean()).isTrue();
    assertThat(urgent.path("title").asString())
        .isEqualTo("Your blood pressure needs attention today");
    assertThat(kinds("eve", "followup-bp-urgent")).startsWith("issued", "planned");
  }

  @Test
  void glucoseAndWeight_keepTheirLoincCodesAndUnits_outOfRangeReadingsAreRefusedUnstored() {
    sendPatient("fay", null);
    String token = links.patientToken("fay");
    String readings = "/api/portal/patients/fay/readings";

    Observation molar =
        observation(
            "fay",
            json(postAs(
                    token, readings, "{\"type\":\"glucose\",\"value\":5.6,\"unit\":\"mmol/L\"}"))
                .path("observation")
                .asString());
    Observation mass =
        observation(
            "fay",
            json(postAs(token, readings, "{\"type\":\"glucose\",\"value\":101,\"unit\":\"mg/dL\"}"))
                .path("observation")
                .asString());
    Observation weight =
        observation(
            "fay",
            json(postAs(token, readings, "{\"type\":\"weight\",\"value\":72.5}"))
                .path("observation")
                .asString());

    assertThat(molar.getCode().getCodingFirstRep().getCode()).isEqualTo("15074-8");
    assertThat(molar.getValueQuantity().getCode()).isEqualTo("mmol/L");
    assertThat(mass.getCode().getCodingFirstRep().getCode()).isEqualTo("2339-0");
    assertThat(mass.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
    assertThat(weight.getCode().getCodingFirstRep().getCode()).isEqualTo("29463-7");
    assertThat(weight.getValueQuantity().getValue()).isEqualByComparingTo("72.5");
    assertThat(weight.getValueQuantity().getCode()).isEqualTo("kg");

    int messages = count("messages");
    HttpResponse<String> tooHigh =
        postAs(token, readings, "{\"type\":\"bloodPressure\",\"systolic\":400,\"diastolic\":80}");
    assertThat(tooHigh.statusCode()).isEqualTo(400);
    assertThat(tooHigh.body())
        .contains("COCARE-5003")
        .contains("Upper number (systolic) must be between 50 and 300 mmHg.");
    assertThat(
            postAs(
                    token,
                    readings + "?lang=zh-CN",
                    "{\"type\":\"bloodPressure\",\"systolic\":120,\"diastolic\":130}")
                .body())
        .contains("高压必须高于低压。");
    assertThat(
            postAs(token, readings, "{\"type\":\"glucose\",\"value\":5,\"unit\":\"g/L\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(postAs(token, readings, "{\"type\":\"weight\",\"value\":0.2}").statusCode())
        .isEqualTo(400);
    assertThat(postAs(token, readings, "{\"type\":\"temperature\",\"value\":37}").statusCode())
        .isEqualTo(400);
    assertThat(postAs(token, readings, "{\"type\":\"bloodPressure\",\"systolic\":120}").body())
        .contains("Please fill in: Lower number (diastolic).");
    assertThat(count("messages")).isEqualTo(messages);
  }

  @Test
  void optOutAndBackIn_throughTheApi_cancelsPlannedRoutineReminders() {
    sendPatient("gus", null);
    String token = links.patientToken("gus");
    assertThat(plannedNotifications("gus")).isPositive();

    JsonNode out = json(postAs(token, "/api/portal/patients/gus/opt-out", null));

    assertThat(out.path("optedOut").asBoolean()).isTrue();
    assertThat(out.path("source").asString()).isEqualTo("portal");
    assertThat(out.path("cancelled").asInt()).isPositive();
    assertThat(plannedNotifications("gus")).isZero();
    assertThat(json(getAs(token, "/api/portal/patients/gus/outreach")).path("optedOut").asBoolean())
        .isTrue();
    List<JsonNode> colorectal = timeline("gus", "screening-colorectal");
    assertThat(colorectal.get(colorectal.size() - 1).path("detail").asString())
        .isEqualTo("patient opted out (portal); only urgent items are sent");

    assertThat(
            json(postAs(token, "/api/portal/patients/gus/opt-in", null))
                .path("optedOut")
                .asBoolean())
        .isFalse();
    assertThat(json(getAs(token, "/api/portal/patients/gus/outreach")).path("optedOut").asBoolean())
        .isFalse();
    assertThat(
            jdbc.sql(
                    "select action from outreach_opt_out_events where patient_id = 'gus' order by at")
                .query(String.class)
                .list())
        .containsExactly("opt-out", "opt-in");
  }

  @Test
  void openApi_describesThePortalWithThePatientTokenScheme() {
    JsonNode docs = json(get(null, "/v3/api-docs"));
    JsonNode items = docs.path("paths").path("/api/portal/patients/{patientId}/items").path("get");

    assertThat(items.path("description").asString()).contains("Role: patient");
    assertThat(items.path("security").toString()).contains("patientToken");
    assertThat(docs.path("paths").has("/api/portal/patients/{patientId}/readings")).isTrue();
    assertThat(
            docs.path("components")
                .path("securitySchemes")
                .path("patientToken")
                .path("scheme")
                .asString())
        .isEqualTo("bearer");
  }

  private int plannedNotifications(String patientId) {
    return jdbc.sql(
            "select count(*) from notifications where patient_id = ? and status = 'planned'")
        .param(patientId)
        .query(Integer.class)
        .single();
  }

  private Observation observation(String patientId, String reference) {
    List<Resource> record = records.load(patientId);
    return record.stream()
        .filter(Observation.class::isInstance)
        .map(Observation.class::cast)
        .filter(o -> ("Observation/" + o.getIdElement().getIdPart()).equals(reference))
        .findFirst()
        .orElseThrow(() -> new AssertionError(reference + " is not in the record of " + patientId));
  }

  private void sendColonoscopy(String patientId) {
    String procedure =
        ("{\"resourceType\":\"Procedure\",\"id\":\"colo-%s\",\"status\":\"completed\","
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"73761001\"}]},\"subject\":{\"reference\":\"Patient/%s\"},"
                + "\"performedDateTime\":\"%s\"}")
            .formatted(patientId, patientId, LocalDate.now(ZoneOffset.UTC).minusMonths(1));
    assertThat(
            put(
                    "integration",
                    "/fhir/Procedure/colo-" + patientId,
                    FHIR_JSON,
                    procedure.getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isBetween(200, 201);
  }

  private static JsonNode item(JsonNode items, String code) {
    for (JsonNode item : items) {
      if (item.path("code").asString().equals(code)) {
        return item;
      }
    }
    throw new AssertionError("no " + code + " in " + items);
  }
}
