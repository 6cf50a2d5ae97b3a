package org.cocare.routes.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cocare.routes.HeadlessBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The clinician's whole path through the pages, in a real headless Chromium (Debian's {@code
 * chromium} and {@code chromium-driver}, which {@code .ci/run} installs): change the colorectal
 * screening start age in the decision table, validate, run the tests, preview the impact (the
 * 42-year-old gains the reminder), have a second user approve and activate it, send a patient of
 * the new age and see the reminder with the new version, roll back and see it closed at the next
 * evaluation.
 */
class RuleSetPagesIT extends RuleSetTestBase {

  @RegisterExtension
  static final HeadlessBrowser session = new HeadlessBrowser("rulesets", "1400,1000");

  @Test
  void colorectalStartAge45To42_validatedTestedPreviewedApprovedActivated_thenRolledBack() {
    assertThat(sendPatient("forty-two", bornYearsAgo(42))).isEqualTo(201);

    signIn("clinician");
    session.click(By.id("ruleset-cocare-default"));
    session.click(By.id("draft-from-1"));
    String draft = session.text(By.cssSelector("h1 span"));
    assertThat(session.text(By.id("status"))).isEqualTo("draft");
    assertThat(rulesListing())
        .as("each rule's title and owner from rules.csv")
        .contains("Colorectal cancer screening reminder", "Quality — cancer screening");
    assertThat(session.text(By.id("file-rules.csv"))).isEqualTo("rules.csv");

    session.click(By.id("table-screening-age-bands.drl.csv"));
    session.click(By.id("edit-row-11"));
    WebElement minimumAge = session.driver().findElement(By.id("cell-E"));
    assertThat(minimumAge.getAttribute("value")).isEqualTo("45");
    minimumAge.clear();
    minimumAge.sendKeys("42");
    session.click(By.id("save-row"));
    assertThat(session.text(By.id("notice"))).isEqualTo("Saved.");
    assertThat(cellsOfRow(11)).contains("42", "75");

    session.driver().findElement(By.linkText(draft)).click();
    session.click(By.id("validate"));
    assertThat(session.text(By.id("valid"))).startsWith("Valid");

    session.click(By.id("run-tests"));
    assertThat(session.text(By.id("tests-summary"))).matches("\\d+ passed, 0 failed");

    session.click(By.id("preview"));
    WebElement colorectal =
        session
            .driver()
            .findElement(By.cssSelector("#impact-changes tr[data-code='screening-colorectal']"));
    assertThat(colorectal.findElement(By.className("gained")).getText()).isEqualTo("1");
    assertThat(colorectal.getText()).contains("forty-two");
    session.screenshot("preview");

    // The clinician who edited it may not approve it: the button is not even offered.
    assertThat(session.driver().findElements(By.id("approve"))).isEmpty();
    String draftPage = session.driver().getCurrentUrl();
    signOut();

    signIn("approver");
    session.driver().get(draftPage);
    session.click(By.id("approve"));
    assertThat(session.text(By.id("status"))).isEqualTo("approved");
    session.click(By.id("activate"));
    assertThat(session.text(By.id("status"))).isEqualTo("active");

    assertThat(sendPatient("forty-two-b", bornYearsAgo(42))).isEqualTo(201);
    signOut();
    signIn("clinician");
    openPatient("forty-two-b");
    WebElement reminder = recommendation("screening-colorectal");
    assertThat(reminder.getAttribute("data-status")).isEqualTo("open");
    assertThat(reminder.getAttribute("data-version")).isEqualTo(draft);
    session.screenshot("patient-with-reminder");
    signOut();

    signIn("approver");
    session.click(By.id("ruleset-cocare-default"));
    session.click(By.id("rollback-to-1"));
    assertThat(session.text(By.id("notice"))).startsWith("Rolled back");
    assertThat(
            session
                .driver()
                .findElement(By.cssSelector("#audit tbody tr:first-child"))
                .getAttribute("data-action"))
        .isEqualTo("rolled-back");

    // The next message about the patient (now with a gender) is evaluated on version 1 again.
    assertThat(sendPatient("forty-two-b", bornYearsAgo(42), "female")).isEqualTo(201);
    signOut();
    signIn("clinician");
    openPatient("forty-two-b");
    assertThat(recommendation("screening-colorectal").getAttribute("data-status"))
        .isEqualTo("closed");
    session.screenshot("patient-after-rollback");
  }

  @Test
  void syntaxErrorInTheEditor_isShownNextToItsLine_inChineseToo() {
    signIn("clinician");
    session.driver().get(uri("/ui/rulesets/cocare-default?lang=zh-CN").toString());
    assertThat(session.text(By.tagName("h2"))).isEqualTo("版本");
    session.click(By.id("draft-from-1"));
    assertThat(rulesListing()).contains("标题", "负责团队");
    session.click(By.id("file-followup.drl"));
    WebElement editor = session.driver().findElement(By.id("editor"));
    String source = editor.getAttribute("value");
    int rule = lineOf(source, source.indexOf("rule \""));
    int end = lineOf(source, source.indexOf("\nend", source.indexOf("rule \"")) + 1);
    session
        .driver()
        .executeScript(
            "arguments[0].value = arguments[1];",
            editor,
            source.replaceFirst("\nwhen\n", "\nwhen (\n"));
    session.click(By.id("save"));

    assertThat(session.text(By.id("notice"))).isEqualTo("已保存。");
    List<WebElement> bad = session.driver().findElements(By.cssSelector("#gutter li.bad"));
    assertThat(bad).isNotEmpty();
    int marked = Integer.parseInt(bad.get(0).getText());
    assertThat(marked).as("the broken rule's lines").isBetween(rule, end);
    assertThat(session.driver().findElement(By.id("problems")).getText())
        .contains("followup.drl")
        .contains("第 " + marked + " 行");
    session.screenshot("syntax-error");
  }

  private void signIn(String user) {
    session.driver().get(uri("/login?lang=en").toString());
    session.driver().findElement(By.id("username")).sendKeys(user);
    session.driver().findElement(By.id("password")).sendKeys(user + "-demo");
    session.click(By.id("sign-in"));
    assertThat(session.text(By.id("signed-in"))).isEqualTo(user);
  }

  private void signOut() {
    session.click(By.id("logout"));
    session.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("logged-out")));
  }

  private void openPatient(String id) {
    WebElement field = session.driver().findElement(By.id("patient-id"));
    field.sendKeys(id);
    session.click(By.id("open-patient"));
  }

  private WebElement recommendation(String code) {
    return session
        .driver()
        .findElement(By.cssSelector("#recommendations tr[data-code='" + code + "']"));
  }

  /** The text of the version page's rules and their sources, folded away or not. */
  private static String rulesListing() {
    return String.join(
        "\n",
        session.driver().findElements(By.cssSelector("details.rules")).stream()
            .map(details -> details.getAttribute("textContent"))
            .toList());
  }

  private List<String> cellsOfRow(int row) {
    return session.driver().findElements(By.cssSelector("#decision-table tbody tr")).stream()
        .filter(tr -> tr.findElement(By.tagName("td")).getText().equals(String.valueOf(row)))
        .findFirst()
        .orElseThrow()
        .findElements(By.tagName("td"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  /** The 1-based line of the character at {@code offset}. */
  private static int lineOf(String text, int offset) {
    return text.substring(0, offset).split("\n", -1).length;
  }
}
