package org.cocare.routes.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The patient's API over real HTTP: each patient sees and answers only their own items, answers
 * land in the outcome timeline, a home reading becomes an Observation that is evaluated, and
 * answers to the participation questionnaire become a QuestionnaireResponse in the record.
 */
class PortalApiIT extends PortalTestBase {
  @Autowired PortalProperties properties;
  @Autowired PatientRecordStore records;
  @Autowired ParticipationQuestionnaire participation;

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
    assertThat(postAs(annsToken, questionnaire("bob"), answersJson(allFours())).statusCode())
        .isEqualTo(403);
    assertThat(getAs(annsToken, questionnaire("bob")).statusCode()).isEqualTo(403);

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
    assertThat(postAs(null, questionnaire("ann"), answersJson(allFours())).statusCode())
        .isEqualTo(401);
    assertThat(getAs(null, questionnaire("ann")).statusCode()).isEqualTo(401);
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
    JsonNode questionnaire =
        docs.path("paths").path("/api/portal/patients/{patientId}/questionnaire");
    assertThat(questionnaire.path("get").path("description").asString()).contains("Role: patient");
    assertThat(questionnaire.path("post").path("description").asString())
        .contains("Role: patient")
        .contains("1 (strongly disagree) to 7");
    assertThat(
            docs.path("components")
                .path("securitySchemes")
                .path("patientToken")
                .path("scheme")
                .asString())
        .isEqualTo("bearer");
  }

  @Test
  void questionnaire_isTheFormInTheAskedLanguage_forAnAppToRender() {
    sendPatient("hal", null);
    String token = links.patientToken("hal");

    JsonNode chinese = json(getAs(token, questionnaire("hal") + "?lang=zh-CN"));
    JsonNode english = json(getAs(token, questionnaire("hal")));

    assertThat(chinese.path("language").asString()).isEqualTo("zh-CN");
    assertThat(chinese.path("title").asString()).isEqualTo("您如何参与自己的医疗护理");
    assertThat(chinese.path("questionnaire").asString())
        .startsWith("https://cocare.org/fhir/Questionnaire/participation|");
    assertThat(chinese.path("anchors").get(6).path("value").asInt()).isEqualTo(7);
    assertThat(chinese.path("anchors").get(6).path("label").asString()).isEqualTo("非常同意");
    assertThat(chinese.path("sections").findValuesAsString("scale"))
        .containsExactly("ability", "behaviour", "value");
    assertThat(chinese.path("sections").findValuesAsString("linkId"))
        .containsExactlyElementsOf(PortalQuestionnaire.ITEMS);
    assertThat(chinese.path("sections").get(0).path("statements").get(0).path("text").asString())
        .isEqualTo("我了解自己的健康状况。");
    assertThat(english.path("language").asString()).isEqualTo("en");
    assertThat(english.path("anchors").get(0).path("label").asString())
        .isEqualTo("Strongly disagree");
    assertThat(english.path("sections").get(2).path("statements").get(2).path("text").asString())
        .isEqualTo("I would recommend this care to others.");
  }

  @Test
  void questionnaireAnswers_becomeAQuestionnaireResponseInTheRecord_answeringAgainAddsAnother() {
    sendPatient("ida", null);
    String token = links.patientToken("ida");
    Map<String, Integer> first = new LinkedHashMap<>();
    List<String> items = PortalQuestionnaire.ITEMS;
    for (int i = 0; i < items.size(); i++) {
      first.put(items.get(i), i % 7 + 1);
    }

    HttpResponse<String> sent = postAs(token, questionnaire("ida"), answersJson(first));

    assertThat(sent.statusCode()).isEqualTo(201);
    JsonNode submitted = json(sent);
    assertThat(submitted.path("status").asString()).isEqualTo("processed");
    QuestionnaireResponse stored =
        questionnaireResponse("ida", submitted.path("questionnaireResponse").asString());
    assertThat(participation.answers(stored).items()).isEqualTo(first);
    assertThat(participation.answers(stored).patientId()).isEqualTo("ida");
    assertThat(stored.getStatus())
        .isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    assertThat(participation.isResponseTo(stored)).isTrue();
    assertThat(stored.hasAuthored()).isTrue();
    JsonNode message = json(get("admin", "/api/messages/" + submitted.path("message").asString()));
    assertThat(message.path("source").asString()).startsWith("portal");
    assertThat(message.path("status").asString()).isEqualTo("processed");

    Map<String, Integer> again = new LinkedHashMap<>(first);
    again.put("value-recommend", 7);
    JsonNode second = json(postAs(token, questionnaire("ida"), answersJson(again)));

    assertThat(second.path("questionnaireResponse").asString())
        .isNotEqualTo(submitted.path("questionnaireResponse").asString());
    assertThat(
            records.load("ida").stream()
                .filter(QuestionnaireResponse.class::isInstance)
                .map(r -> participation.answers((QuestionnaireResponse) r).items()))
        .containsExactlyInAnyOrder(first, again);
  }

  @Test
  void questionnaireAnswers_outOfRangeMissingOrUnknown_areBadRequestsNamingTheItems_storeNothing() {
    sendPatient("jon", null);
    String token = links.patientToken("jon");
    String path = questionnaire("jon");
    int messages = count("messages");
    Map<String, Integer> eight = allFours();
    eight.put("ability-understand", 8);

    HttpResponse<String> tooHigh = postAs(token, path, answersJson(eight));

    assertThat(tooHigh.statusCode()).isEqualTo(400);
    assertThat(tooHigh.body())
        .contains("COCARE-5003")
        .contains("Answer ability-understand with a whole number from 1 to 7.");
    assertThat(postAs(token, path + "?lang=zh-CN", answersJson(eight)).body())
        .contains("ability-understand 请用 1 到 7 之间的整数作答。");
    for (String wrong : List.of("0", "4.5", "\"five\"", "true")) {
      String body =
          answersJson(allFours()).replace("\"value-worth\":4", "\"value-worth\":" + wrong);
      HttpResponse<String> refused = postAs(token, path, body);
      assertThat(refused.statusCode()).as(wrong).isEqualTo(400);
      assertThat(refused.body()).as(wrong).contains("Answer value-worth with a whole number");
    }
    Map<String, Integer> missing = allFours();
    missing.remove("value-recommend");
    assertThat(postAs(token, path, answersJson(missing)).body())
        .contains("Please answer every statement; not answered: value-recommend.");
    Map<String, Integer> unknown = allFours();
    unknown.put("mood", 3);
    HttpResponse<String> notAnItem = postAs(token, path, answersJson(unknown));
    assertThat(notAnItem.statusCode()).isEqualTo(400);
    assertThat(notAnItem.body()).contains("These are not statements of the questionnaire: mood.");
    assertThat(postAs(token, path, "{}").body()).contains("not answered: ability-understand");
    assertThat(postAs(token, path, "not json").statusCode()).isEqualTo(400);

    assertThat(count("messages")).isEqualTo(messages);
    assertThat(records.load("jon")).noneMatch(QuestionnaireResponse.class::isInstance);
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

  private QuestionnaireResponse questionnaireResponse(String patientId, String reference) {
    return records.load(patientId).stream()
        .filter(QuestionnaireResponse.class::isInstance)
        .map(QuestionnaireResponse.class::cast)
        .filter(r -> ("QuestionnaireResponse/" + r.getIdElement().getIdPart()).equals(reference))
        .findFirst()
        .orElseThrow(() -> new AssertionError(reference + " is not in the record of " + patientId));
  }

  private static String questionnaire(String patientId) {
    return PortalApi.BASE.replace("{patientId}", patientId) + "/questionnaire";
  }

  /** Every item answered 4 (neither agree nor disagree), in questionnaire order; changeable. */
  private static Map<String, Integer> allFours() {
    Map<String, Integer> answers = new LinkedHashMap<>();
    PortalQuestionnaire.ITEMS.forEach(item -> answers.put(item, 4));
    return answers;
  }

  private static String answersJson(Map<String, Integer> answers) {
    return JSON.writeValueAsString(Map.of("answers", answers));
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
