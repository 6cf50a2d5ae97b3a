package org.cocare.routes.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.cocare.routes.HeadlessBrowser;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A patient's path through the portal in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): a Chinese-speaking patient follows the tracking link of her message,
 * reads her inbox in Chinese, rates an item, asks to be reminded later, sends a severe blood
 * pressure reading and sees the urgent item appear, turns reminders off and on; an English-speaking
 * patient declines an item with a reason, says another is done, is told plainly what is wrong with
 * a mistyped reading, and switches to Chinese; a patient who unsubscribed turns reminders back on
 * from the confirmation; a Chinese-speaking patient answers the participation questionnaire, is
 * shown the statement she left open with her other answers kept, and completes it. Screenshots go
 * to {@code target/browser}.
 */
class PortalPagesIT extends PortalTestBase {

  @RegisterExtension
  static final HeadlessBrowser session = new HeadlessBrowser("portal", "900,1400");

  @Autowired PatientRecordStore records;
  @Autowired ParticipationQuestionnaire participation;

  @Test
  void chinesePatient_followsHerMessage_ratesSnoozesSendsAReading_andTurnsRemindersOffAndOn() {
    sendPatient("mei", "zh-CN");
    String notification =
        jdbc.sql(
                "select id from notifications where patient_id = 'mei' and channel = 'email'"
                    + " fetch first 1 rows only")
            .query(String.class)
            .single();

    session.driver().get(uri(path(links.open(notification))).toString());

    assertThat(session.text(By.tagName("h1"))).isEqualTo("您的健康提醒");
    WebElement colorectal = item("screening-colorectal");
    assertThat(colorectal.findElement(By.className("title")).getText()).isEqualTo("该做肠癌筛查了");
    assertThat(colorectal.findElement(By.className("why")).getText()).contains("肠癌");
    assertThat(session.driver().findElement(By.id("done-screening-colorectal")).getText())
        .isEqualTo("已完成");
    assertThat(session.driver().findElement(By.id("remind-screening-colorectal")).getText())
        .isEqualTo("稍后提醒我");
    assertThat(session.driver().findElement(By.id("send-bp")).getText()).isEqualTo("提交");
    session.screenshot("portal-zh-inbox");

    session.click(By.id("rate-screening-colorectal-4"));
    assertThat(session.text(By.id("notice"))).isEqualTo("感谢您的评分。");
    assertThat(session.text(By.id("rated-screening-colorectal"))).isEqualTo("您的评分：4/5。");

    session.click(By.id("remind-screening-colorectal"));
    assertThat(session.text(By.id("notice"))).isEqualTo("已记录。我们稍后会提醒您。");
    assertThat(item("screening-colorectal").findElement(By.className("answer")).getText())
        .startsWith("我们将从 ");

    session.driver().findElement(By.id("bp-systolic")).sendKeys("185");
    session.driver().findElement(By.id("bp-diastolic")).sendKeys("125");
    session.click(By.id("send-bp"));
    assertThat(session.text(By.id("notice"))).isEqualTo("谢谢。您的测量数据已发送给您的医护团队。");
    WebElement urgent = item("followup-bp-urgent");
    assertThat(urgent.findElement(By.className("title")).getText()).isEqualTo("您的血压今天需要处理");
    assertThat(urgent.findElement(By.className("badge")).getText()).isEqualTo("紧急");
    session.screenshot("portal-zh-urgent-reading");

    session.click(By.id("opt-out"));
    assertThat(session.text(By.id("notice"))).startsWith("提醒已关闭");
    assertThat(session.text(By.id("outreach-off"))).startsWith("您已关闭提醒");
    session.click(By.id("opt-in"));
    assertThat(session.text(By.id("notice"))).isEqualTo("提醒已重新开启。");

    assertThat(kinds("mei", "screening-colorectal"))
        .containsSubsequence("issued", "opened", "rated", "snoozed");
    assertThat(kinds("mei", "followup-bp-urgent")).startsWith("issued");
    assertThat(
            jdbc.sql(
                    "select action from outreach_opt_out_events where patient_id = 'mei' order by at")
                .query(String.class)
                .list())
        .containsExactly("opt-out", "opt-in");
  }

  @Test
  void englishPatient_declinesWithAReason_saysDone_isToldWhatIsWrong_andSwitchesToChinese() {
    sendPatient("max", null);

    session.driver().get(uri("/portal?token=" + links.patientToken("max") + "&lang=en").toString());

    assertThat(session.text(By.tagName("h1"))).isEqualTo("Your health reminders");
    String other =
        session.driver().findElements(By.cssSelector("article.item")).stream()
            .map(e -> e.getAttribute("id").substring("item-".length()))
            .filter(code -> !code.equals("screening-colorectal"))
            .findFirst()
            .orElseThrow();
    session.driver().findElement(By.cssSelector("#decline-screening-colorectal summary")).click();
    new Select(session.driver().findElement(By.id("reason-screening-colorectal")))
        .selectByValue("prefer-not");
    session
        .driver()
        .findElement(By.id("reason-text-screening-colorectal"))
        .sendKeys("Not this year");
    session.click(By.id("not-for-me-screening-colorectal"));
    assertThat(session.text(By.id("notice")))
        .isEqualTo("Noted. We will not remind you about this again.");
    assertThat(item("screening-colorectal").getAttribute("data-answer")).isEqualTo("declined");

    session.click(By.id("done-" + other));
    assertThat(session.text(By.id("notice")))
        .isEqualTo("Thank you. We noted that you have done it.");
    assertThat(item(other).findElement(By.className("answer")).getText())
        .startsWith("You told us this is done");

    session.driver().findElement(By.id("bp-systolic")).sendKeys("120");
    session.driver().findElement(By.id("bp-diastolic")).sendKeys("130");
    session.click(By.id("send-bp"));
    assertThat(session.text(By.id("error")))
        .isEqualTo("The upper number must be higher than the lower number.");
    session.screenshot("portal-en-inbox");

    session.click(By.id("lang-zh"));
    assertThat(session.text(By.tagName("h1"))).isEqualTo("您的健康提醒");
    assertThat(session.driver().findElement(By.id("opt-out")).getText()).isEqualTo("停止提醒");
    assertThat(item("screening-colorectal").findElement(By.className("answer")).getText())
        .startsWith("您表示这不适合您");
    session.screenshot("portal-en-switched-to-zh");

    assertThat(
            timeline("max", "screening-colorectal").stream()
                .filter(e -> e.path("kind").asString().equals("declined"))
                .map(e -> e.path("detail").asString()))
        .containsExactly("reason=prefer-not; text=Not this year");
    assertThat(kinds("max", other)).contains("self-reported-done").doesNotContain("completed");
  }

  @Test
  void unsubscribeLink_confirmsInThePatientsLanguage_andOneClickTurnsRemindersBackOn() {
    sendPatient("lan", "zh-CN");
    String notification =
        jdbc.sql(
                "select id from notifications where patient_id = 'lan' and channel = 'email'"
                    + " fetch first 1 rows only")
            .query(String.class)
            .single();

    session.driver().get(uri(path(links.unsubscribe(notification))).toString());
    assertThat(session.text(By.id("unsubscribe-title"))).isEqualTo("停止接收提醒？");
    assertThat(count("outreach_opt_outs")).isZero();
    session.click(By.id("unsubscribe"));

    assertThat(session.text(By.id("unsubscribed"))).isEqualTo("您已退订");
    assertThat(count("outreach_opt_outs")).isEqualTo(1);
    session.screenshot("portal-zh-unsubscribed");
    session.click(By.id("opt-in"));
    assertThat(session.text(By.id("notice"))).isEqualTo("提醒已重新开启。");
    assertThat(session.text(By.id("outreach-on"))).startsWith("我们会通过电子邮件或短信");
    assertThat(count("outreach_opt_outs")).isZero();
    assertThat(
            jdbc.sql(
                    "select source from outreach_opt_out_events where patient_id = 'lan'"
                        + " order by at")
                .query(String.class)
                .list())
        .containsExactly("unsubscribe-link", "portal");
  }

  @Test
  void chinesePatient_answersTheQuestionnaire_isShownTheStatementLeftOpen_withHerAnswersKept() {
    sendPatient("hua", "zh-CN");
    session.driver().get(uri("/portal?token=" + links.patientToken("hua")).toString());
    assertThat(session.text(By.id("questionnaire-link"))).isEqualTo("告诉我们您如何参与自己的医疗护理");

    session.click(By.id("questionnaire-link"));

    assertThat(session.text(By.tagName("h1"))).isEqualTo("您如何参与自己的医疗护理");
    assertThat(session.text(By.cssSelector("#statement-ability-understand legend")))
        .isEqualTo("我了解自己的健康状况。");
    assertThat(session.text(By.cssSelector("label[for=q-value-recommend-7]"))).isEqualTo("7\n非常同意");
    assertThat(session.driver().findElements(By.cssSelector("input[type=radio]")))
        .hasSize(PortalQuestionnaire.ITEMS.size() * 7);
    Map<String, Integer> chosen = new LinkedHashMap<>();
    List<String> items = PortalQuestionnaire.ITEMS;
    for (int i = 0; i < items.size(); i++) {
      chosen.put(items.get(i), (i + 3) % 7 + 1);
    }
    chosen.forEach(
        (item, value) -> {
          if (!item.equals("value-recommend")) {
            choose(item, value);
          }
        });
    session.click(By.id("questionnaire-submit"));

    assertThat(session.text(By.id("error"))).isEqualTo("请为每一项说法选择一个答案。尚未作答的已在下方标出。");
    assertThat(session.text(By.id("open-value-recommend"))).isEqualTo("请选择一个答案。");
    assertThat(session.driver().findElements(By.cssSelector("fieldset.open")))
        .extracting(e -> e.getAttribute("id"))
        .containsExactly("statement-value-recommend");
    chosen.forEach(
        (item, value) ->
            assertThat(radio(item, value).isSelected())
                .as(item + " kept")
                .isEqualTo(!item.equals("value-recommend")));
    assertThat(records.load("hua")).noneMatch(QuestionnaireResponse.class::isInstance);
    session.screenshot("portal-zh-questionnaire-open");

    choose("value-recommend", chosen.get("value-recommend"));
    session.click(By.id("questionnaire-submit"));

    assertThat(session.text(By.id("notice"))).isEqualTo("谢谢。您的回答已发送给您的医护团队。");
    assertThat(session.text(By.tagName("h1"))).isEqualTo("您的健康提醒");
    assertThat(
            records.load("hua").stream()
                .filter(QuestionnaireResponse.class::isInstance)
                .map(r -> participation.answers((QuestionnaireResponse) r).items()))
        .containsExactly(chosen);
  }

  private static String path(URI link) {
    return link.getRawPath() + "?" + link.getRawQuery();
  }

  private static WebElement radio(String item, int value) {
    return session.driver().findElement(By.id("q-" + item + "-" + value));
  }

  /** Picks an answer by its label, as a patient would. */
  private static void choose(String item, int value) {
    session.driver().findElement(By.cssSelector("label[for=q-" + item + "-" + value + "]")).click();
  }

  private static WebElement item(String code) {
    return session
        .waiting()
        .until(ExpectedConditions.presenceOfElementLocated(By.id("item-" + code)));
  }
}
