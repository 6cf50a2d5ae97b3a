package org.cocare.routes.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The links in a message, followed over real HTTP as a browser would (cookies kept): the tracking
 * link records opened and signs into the inbox, the unsubscribe link asks, then opts out and says
 * so; wrong signatures and stale sign-ins get plain pages and record nothing.
 */
class PortalLinksIT extends PortalTestBase {
  @Autowired PortalProperties properties;

  @Test
  void trackingLink_recordsOpenedForItsItemsOnce_andSignsTheBrowserIntoTheInbox() {
    sendPatient("hal", null);
    String notification = notification("hal", "email");
    HttpClient browser = browser(HttpClient.Redirect.NORMAL);

    HttpResponse<String> inbox = fetch(browser, path(links.open(notification)));
    fetch(browser, path(links.open(notification)));

    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(inbox.uri().getPath()).isEqualTo("/portal");
    assertThat(inbox.uri().getQuery()).as("the token is dropped from the address").isNull();
    assertThat(inbox.body())
        .contains("Your health reminders", "Time for your bowel cancer screening");
    List<JsonNode> opened =
        timeline("hal", "screening-colorectal").stream()
            .filter(e -> e.path("kind").asString().equals("opened"))
            .toList();
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).path("detail").asString())
        .isEqualTo("notification=" + notification + "; channel=email");
  }

  @Test
  void trackingLinkWithAWrongSignatureOrExpired_isAPlain404_andRecordsNothing() {
    sendPatient("ida", null);
    String notification = notification("ida", "email");
    List<String> before = kinds("ida", "screening-colorectal");
    HttpClient browser = browser(HttpClient.Redirect.NEVER);

    HttpResponse<String> unsigned = fetch(browser, "/portal/open/" + notification);
    HttpResponse<String> wrong =
        fetch(
            browser,
            "/portal/open/" + notification + "?" + links.unsubscribe(notification).getRawQuery());
    HttpResponse<String> unknown = fetch(browser, path(links.open("no-such-notification")));
    PortalLinks writtenLongAgo =
        new PortalLinks(
            properties,
            Clock.offset(Clock.systemUTC(), properties.tokenValidity().plusDays(1).negated()));
    HttpResponse<String> expired = fetch(browser, path(writtenLongAgo.open(notification)));

    assertThat(unsigned.statusCode()).isEqualTo(404);
    assertThat(wrong.statusCode()).isEqualTo(404);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(expired.statusCode()).as("a link older than the token validity").isEqualTo(404);
    assertThat(wrong.body()).contains("Not found").doesNotContain("ida");
    assertThat(kinds("ida", "screening-colorectal")).isEqualTo(before);
  }

  @Test
  void
      unsubscribeLink_optsOut_saysSoInThePatientsLanguage_andLaterEvaluationsWithholdRoutineItems() {
    sendPatient("jia", "zh-CN");
    String notification = notification("jia", "email");
    HttpClient browser = browser(HttpClient.Redirect.NEVER);
    assertThat(fetch(browser, "/portal/unsubscribe/" + notification + "?sig=bad").statusCode())
        .isEqualTo(403);
    assertThat(count("outreach_opt_outs")).isZero();

    HttpResponse<String> ask = fetch(browser, path(links.unsubscribe(notification)));
    assertThat(ask.statusCode()).isEqualTo(200);
    assertThat(ask.body()).contains("停止接收提醒？");
    assertThat(count("outreach_opt_outs"))
        .as("a fetch of the link (a mail scanner) acts on nothing")
        .isZero();

    // The mail client's one-click unsubscribe: a POST to the link, no cookie, no CSRF token.
    HttpResponse<String> page =
        oneClick(HttpClient.newHttpClient(), path(links.unsubscribe(notification)));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("您已退订", "重新开启提醒");
    assertThat(
            jdbc.sql("select source from outreach_opt_outs where patient_id = 'jia'")
                .query(String.class)
                .single())
        .isEqualTo("unsubscribe-link");
    assertThat(status(notification)).isEqualTo("cancelled");
    String optedOut = "patient opted out (unsubscribe link); only urgent items are sent";
    assertThat(lastDetail("jia", "screening-colorectal")).isEqualTo(optedOut);

    // A later evaluation (the record changed: a home reading of severe blood pressure) plans the
    // urgent item only; the routine ones stay withheld for the opt-out.
    postAs(
        links.patientToken("jia"),
        "/api/portal/patients/jia/readings",
        "{\"type\":\"bloodPressure\",\"systolic\":186,\"diastolic\":126}");

    assertThat(kinds("jia", "followup-bp-urgent")).startsWith("issued");
    for (JsonNode event : json(get("clinician", "/api/patients/jia/timeline"))) {
      String code = event.path("code").asString();
      if (!code.equals("followup-bp-urgent")) {
        assertThat(lastDetail("jia", code)).as(code).isEqualTo(optedOut);
      }
    }
    assertThat(
            jdbc.sql(
                    "select count(*) from notifications n join notification_items i on"
                        + " i.notification_id = n.id join recommendations r on r.id ="
                        + " i.recommendation_id where n.patient_id = 'jia' and n.status = 'planned'"
                        + " and r.code <> 'followup-bp-urgent'")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void portalPageWithoutSignIn_orWithAForgedToken_isAPlain401_andAPatientSessionOpensNoStaffPage() {
    sendPatient("kai", null);
    HttpClient browser = browser(HttpClient.Redirect.NEVER);

    HttpResponse<String> none = fetch(browser, "/portal");
    HttpResponse<String> forged =
        fetch(browser, "/portal?token=a2FpfDk5OTk5OTk5OTk.forged&lang=zh-CN");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("Please open your latest message");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("请打开我们最新发给您的消息");

    HttpResponse<String> signIn = fetch(browser, "/portal?token=" + links.patientToken("kai"));
    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/portal");
    assertThat(fetch(browser, "/portal").statusCode()).isEqualTo(200);
    assertThat(fetch(browser, "/ui/rulesets").statusCode()).as("staff page").isNotEqualTo(200);
    assertThat(fetch(browser, "/ui/patients/kai").statusCode()).as("staff page").isNotEqualTo(200);
  }

  private String notification(String patientId, String channel) {
    return jdbc.sql(
            "select id from notifications where patient_id = ? and channel = ? and urgent = false"
                + " order by created_at fetch first 1 rows only")
        .params(patientId, channel)
        .query(String.class)
        .single();
  }

  private String status(String notification) {
    return jdbc.sql("select status from notifications where id = ?")
        .param(notification)
        .query(String.class)
        .single();
  }

  private String lastDetail(String patientId, String code) {
    List<JsonNode> events = timeline(patientId, code);
    return events.get(events.size() - 1).path("detail").asString();
  }

  private static String path(URI link) {
    return link.getRawPath() + "?" + link.getRawQuery();
  }

  private static HttpClient browser(HttpClient.Redirect redirects) {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(redirects)
        .build();
  }

  /** The mail client's one-click unsubscribe: a form POST with no cookie and no token. */
  private HttpResponse<String> oneClick(HttpClient client, String path) {
    return send(
        client,
        null,
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
  }

  private HttpResponse<String> fetch(HttpClient browser, String path) {
    return send(
        browser, null, HttpRequest.newBuilder(uri(path)).header("Accept-Language", "en").GET());
  }
}
