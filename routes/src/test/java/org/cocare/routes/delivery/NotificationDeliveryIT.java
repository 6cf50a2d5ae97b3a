package org.cocare.routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cocare.routes.delivery.TestRecords.consentDeny;
import static org.cocare.routes.delivery.TestRecords.email;
import static org.cocare.routes.delivery.TestRecords.overweight;
import static org.cocare.routes.delivery.TestRecords.phone;
import static org.cocare.routes.delivery.TestRecords.zoneWhereItIs;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.cocare.engine.notify.NotificationDelivery;
import org.cocare.engine.notify.OutreachSweep;
import org.cocare.routes.ApplicationIT;
import org.cocare.routes.portal.PortalLinks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Delivery against a real SMTP server (GreenMail) and a real HTTP SMS gateway: what patients
 * receive, in which language, how often; what is withheld and why; what the outcome record and the
 * FHIR API show. The polling timer is off here: each test runs the deliverer itself, so "one more
 * round" is an explicit step rather than a wait (the timer runs in {@link CrashRestartIT}).
 */
class NotificationDeliveryIT extends ApplicationIT {
  static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  static final SmsGateway GATEWAY = new SmsGateway();
  static final String HELD_OUT_RULE = "screening-hiv";

  static {
    MAIL.start();
  }

  @Autowired NotificationDelivery delivery;
  @Autowired PortalLinks links;
  @Autowired OutreachSweep sweep;

  @DynamicPropertySource
  static void delivery(DynamicPropertyRegistry registry) {
    registry.add("cocare.delivery.email.host", () -> "127.0.0.1");
    registry.add("cocare.delivery.email.port", () -> MAIL.getSmtp().getPort());
    registry.add("cocare.delivery.email.from", () -> "Cocare <care@hospital.example>");
    registry.add("cocare.delivery.webhook.url", () -> GATEWAY.url().toString());
    registry.add("cocare.delivery.webhook.token", () -> "gateway-secret");
    // Retry at once, so three rounds are three attempts; backoff itself is a unit test's matter.
    registry.add("cocare.delivery.retry.initial", () -> "0s");
    registry.add("cocare.delivery.retry.max-attempts", () -> "4");
    registry.add("cocare.notify.quiet-from", () -> "22:00");
    registry.add("cocare.notify.quiet-until", () -> "06:00");
    registry.add("cocare.notify.holdout." + HELD_OUT_RULE, () -> "0.99");
  }

  @AfterAll
  static void stopServers() {
    MAIL.stop();
    GATEWAY.close();
  }

  @BeforeEach
  void resetServers() throws Exception {
    MAIL.purgeEmailFromAllMailboxes();
    GATEWAY.reset();
  }

  @Test
  void chinesePatientWithAColorectalGap_getsOneChineseEmailWithTheDecisionAid_untilAColonoscopy()
      throws Exception {
    sendPatient("li-na", 50, "zh-CN", zoneWhereItIs(LocalTime.NOON), email("li.na@example.org"));

    delivery.deliverDue(100);

    MimeMessage[] received = MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("li.na@example.org");
    assertThat(mail.getSubject()).startsWith("该做肠癌筛查了");
    String html = part(mail, "text/html");
    String text = part(mail, "text/plain");
    for (String body : List.of(html, text)) {
      assertThat(body)
          .contains("如何选择肠癌筛查方法")
          .contains("决策辅助")
          .contains("/portal/open/")
          .contains("/portal/unsubscribe/");
    }
    assertThat(html).contains("lang=\"zh-CN\"").doesNotContain("Colorectal");
    assertThat(mail.getHeader("List-Unsubscribe")[0]).matches("<http://.*/portal/unsubscribe/.*>");
    assertThat(mail.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");

    JsonNode colorectal = events("li-na", "screening-colorectal");
    assertDelivered(colorectal, "email");
    assertThat(kinds(events("li-na", "education-colorectal-screening-decision-aid")))
        .contains("sent");

    JsonNode communications =
        json(get("clinician", "/fhir/Communication?subject=Patient/li-na")).path("entry");
    assertThat(communications).hasSize(2);
    String colorectalId = colorectal.get(0).path("recommendationId").asString();
    assertThat(communications.findValuesAsString("code")).contains("EMAILWRIT", "ONLINEWRIT");
    assertThat(communications.findValuesAsString("reference"))
        .contains("Patient/li-na", "CommunicationRequest/" + colorectalId);

    sendColonoscopy("li-na");
    sweep.sweep();
    delivery.deliverDue(100);

    JsonNode closed = events("li-na", "screening-colorectal");
    JsonNode completed = closed.get(closed.size() - 1);
    assertThat(completed.path("kind").asString()).isEqualTo("completed");
    assertThat(completed.path("evidence").asString()).isEqualTo("Procedure/colo-li-na");
    assertThat(MAIL.getReceivedMessages()).hasSize(1);
    assertThat(planned("li-na")).isZero();
  }

  @Test
  void anItemThePatientDeclinesAfterPlanning_isLeftOutOfTheMessage() throws Exception {
    sendPatient("changed-mind", 50, "en", zoneWhereItIs(LocalTime.NOON), email("mind@example.org"));
    String colorectal =
        events("changed-mind", "screening-colorectal").get(0).path("recommendationId").asString();

    var declined =
        send(
            null,
            HttpRequest.newBuilder(
                    uri("/api/portal/patients/changed-mind/items/" + colorectal + "/not-for-me"))
                .header("Authorization", "Bearer " + links.patientToken("changed-mind"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"done-elsewhere\"}")));
    assertThat(declined.statusCode()).as(declined.body()).isBetween(200, 204);
    delivery.deliverDue(100);

    String mail = part(MAIL.getReceivedMessages()[0], "text/plain");
    assertThat(mail).contains("hepatitis C").doesNotContain("Time for your bowel cancer screening");
    assertThat(kinds(events("changed-mind", "screening-colorectal")))
        .containsExactly("issued", "planned", "declined");
  }

  @Test
  void smsOnlyPatient_getsExactlyOneMessageThoughTheGatewayFailsTwiceFirst() {
    GATEWAY.answer(503, 503);
    sendPatient("sms-only", 50, "en", zoneWhereItIs(LocalTime.NOON), phone("+15555550101"));

    for (int round = 0; round < 4; round++) {
      delivery.deliverDue(100);
    }

    List<SmsGateway.Request> requests = GATEWAY.requests();
    assertThat(requests).hasSize(3);
    String key = requests.get(0).idempotencyKey();
    assertThat(requests).extracting(SmsGateway.Request::idempotencyKey).containsOnly(key);
    assertThat(requests.get(0).authorization()).isEqualTo("Bearer gateway-secret");
    assertThat(GATEWAY.accepted()).containsOnlyKeys(key);
    JsonNode message = JSON.readTree(GATEWAY.accepted().get(key));
    assertThat(message.path("to").asString()).isEqualTo("+15555550101");
    assertThat(message.path("language").asString()).isEqualTo("en");
    assertThat(message.path("text").asString()).contains(" (and 2 more) Open your messages: ");
    assertThat(message.path("link").asString()).contains("/portal/open/" + key);
    assertThat(message.toString()).doesNotContain("sms-only");
    assertThat(MAIL.getReceivedMessages()).isEmpty();
    assertThat(
            jdbc.sql("select attempts from notifications where id = ?")
                .param(key)
                .query(Integer.class)
                .single())
        .isEqualTo(3);
    assertDelivered(events("sms-only", "screening-colorectal"), "sms");

    var receipt =
        post(
            "integration",
            "/api/notifications/" + key + "/receipt",
            "application/json",
            "{\"status\":\"delivered\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(receipt.statusCode()).isEqualTo(202);
    JsonNode after = events("sms-only", "screening-colorectal");
    assertThat(after.get(after.size() - 1).path("kind").asString()).isEqualTo("delivered");
    assertThat(after.get(after.size() - 1).path("detail").asString()).isEqualTo("sms");
  }

  @Test
  void aGatewayThatRejectsTheMessage_isAPermanentFailureRecordedAtOnce() {
    GATEWAY.answer(400);
    sendPatient("sms-rejected", 50, "en", zoneWhereItIs(LocalTime.NOON), phone("+15555550102"));

    delivery.deliverDue(100);
    delivery.deliverDue(100);

    assertThat(GATEWAY.requests()).hasSize(1);
    JsonNode colorectal = events("sms-rejected", "screening-colorectal");
    // The portal copy went; the SMS failed once and for all.
    assertThat(kinds(colorectal))
        .containsExactlyInAnyOrder("issued", "planned", "sent", "delivered", "failed");
    assertThat(colorectal.findValuesAsString("detail"))
        .contains("sms: the gateway answered HTTP 400")
        .doesNotContain("sms");
  }

  @Test
  void consentDenial_withholdsEverythingNotUrgent_andSaysWhy() {
    sendPatient(
        "consent-no",
        50,
        "en",
        zoneWhereItIs(LocalTime.NOON),
        email("no@example.org"),
        consentDeny());

    delivery.deliverDue(100);

    assertThat(MAIL.getReceivedMessages()).isEmpty();
    JsonNode colorectal = events("consent-no", "screening-colorectal");
    assertThat(kinds(colorectal)).containsExactly("issued", "withheld");
    assertThat(colorectal.get(1).path("detail").asString())
        .startsWith("consent: the patient refused outreach");
  }

  @Test
  void quietHours_holdTheMessageUntilMorningInThePatientsZone() {
    String zone = zoneWhereItIs(LocalTime.of(2, 0));
    sendPatient("night-owl", 50, "en", zone, email("owl@example.org"));

    delivery.deliverDue(100);

    assertThat(MAIL.getReceivedMessages()).isEmpty();
    JsonNode colorectal = events("night-owl", "screening-colorectal");
    assertThat(kinds(colorectal)).containsExactly("issued", "planned");
    assertThat(colorectal.get(1).path("detail").asString())
        .isEqualTo("quiet hours until 06:00 " + zone + ": later");
    assertThat(planned("night-owl")).isEqualTo(2);
  }

  @Test
  void theWeeklyCap_withholdsTheLeastImportantItems_andSaysWhy() {
    // A 50-year-old is told about colorectal screening, its decision aid and hepatitis C: three
    // items, the week's cap. A BMI of 31 arriving later adds diabetes screening: withheld.
    sendPatient("capped", 50, "en", zoneWhereItIs(LocalTime.NOON), email("cap@example.org"));
    delivery.deliverDue(100);
    int firstRound = MAIL.getReceivedMessages().length;
    sendPatient(
        "capped",
        50,
        "en",
        zoneWhereItIs(LocalTime.NOON),
        email("cap@example.org"),
        overweight("capped"));

    delivery.deliverDue(100);

    JsonNode diabetes = events("capped", "screening-diabetes");
    assertThat(kinds(diabetes)).containsExactly("issued", "withheld");
    assertThat(diabetes.get(1).path("detail").asString()).startsWith("weekly cap: 3 items");
    assertThat(MAIL.getReceivedMessages()).hasSize(firstRound);
  }

  @Test
  void theHoldout_recordsTheItemButNeverSendsIt() throws Exception {
    sendPatient("control", 50, "en", zoneWhereItIs(LocalTime.NOON), email("control@example.org"));

    delivery.deliverDue(100);

    JsonNode hiv = events("control", "screening-hiv");
    assertThat(kinds(hiv)).containsExactly("issued", "held-out");
    assertThat(hiv.get(1).path("detail").asString())
        .isEqualTo("control group of " + HELD_OUT_RULE + " (99 % held out)");
    String mail = part(MAIL.getReceivedMessages()[0], "text/plain");
    assertThat(mail).contains("bowel cancer").doesNotContain("HIV");
    assertThat(
            json(get("clinician", "/api/outcomes?cohort=control&kind=issued"))
                .findValuesAsString("code"))
        .containsOnly("screening-hiv");
    assertThat(
            json(get("clinician", "/api/outcomes?cohort=intervention&kind=issued"))
                .findValuesAsString("code"))
        .contains("screening-colorectal")
        .doesNotContain("screening-hiv");
  }

  // --- the patient's record -------------------------------------------------------------------

  private void sendPatient(
      String id, int age, String language, String zone, String... telecomAndResources) {
    String bundle = TestRecords.patientBundle(id, age, language, zone, telecomAndResources);
    var response = post("integration", "/fhir", FHIR_JSON, bundle.getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }

  private void sendColonoscopy(String id) {
    String procedure =
        ("{\"resourceType\":\"Procedure\",\"id\":\"colo-%s\",\"status\":\"completed\","
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"73761001\"}]},\"subject\":{\"reference\":\"Patient/%s\"},"
                + "\"performedDateTime\":\"%s\"}")
            .formatted(id, id, LocalDate.now().minusDays(2));
    var response =
        put(
            "integration",
            "/fhir/Procedure/colo-" + id,
            FHIR_JSON,
            procedure.getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isBetween(200, 201);
  }

  // --- what happened ----------------------------------------------------------------------------

  private JsonNode events(String patient, String code) {
    List<JsonNode> events = new ArrayList<>();
    json(get("clinician", "/api/patients/" + patient + "/timeline"))
        .forEach(
            e -> {
              if (e.path("code").asString().equals(code)) {
                events.add(e);
              }
            });
    return JSON.valueToTree(events);
  }

  /**
   * Issued, planned, then sent by {@code channel} and by the portal (delivered there), in either
   * order: the two notifications are delivered one after the other.
   */
  private static void assertDelivered(JsonNode events, String channel) {
    List<String> kinds = kinds(events);
    assertThat(kinds.subList(0, 2)).containsExactly("issued", "planned");
    assertThat(kinds.subList(2, kinds.size()))
        .containsExactlyInAnyOrder("sent", "sent", "delivered");
    assertThat(events.findValuesAsString("detail")).contains(channel, "portal");
  }

  private static List<String> kinds(JsonNode events) {
    return events.findValuesAsString("kind");
  }

  private int planned(String patient) {
    return jdbc.sql(
            "select count(*) from notifications where patient_id = ? and status = 'planned'")
        .param(patient)
        .query(Integer.class)
        .single();
  }

  private static String part(MimeMessage mail, String type) throws Exception {
    Object content = mail.getContent();
    assertThat(content).isInstanceOf(Multipart.class);
    Multipart multipart = (Multipart) content;
    for (int i = 0; i < multipart.getCount(); i++) {
      String found = find((BodyPart) multipart.getBodyPart(i), type);
      if (found != null) {
        return found;
      }
    }
    throw new AssertionError("no " + type + " part in " + mail.getContentType());
  }

  private static String find(BodyPart part, String type) throws Exception {
    if (part.isMimeType(type)) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart nested) {
      for (int i = 0; i < nested.getCount(); i++) {
        String found = find(nested.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
