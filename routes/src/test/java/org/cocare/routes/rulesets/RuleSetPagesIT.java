package org.cocare.routes.rulesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinician's whole path through the pages, in a real headless Chromium (Debian's {@code
 * chromium} and {@code chromium-driver}, which {@code .ci/run} installs): change the colorectal
 * screening start age in the decision table, validate, run the tests, preview the impact (the
 * 42-year-old gains the reminder), have a second user approve and activate it, send a patient of
 * the new age and see the reminder with the new version, roll back and see it closed at the next
 * evaluation.
 */
class RuleSetPagesIT extends RuleSetTestBase {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOTS = Path.of("target", "browser");

  private static ChromeDriver browser;
  private static WebDriverWait wait;
  private static Path profile;

  @BeforeAll
  static void startBrowser() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "Debian chromium and chromium-driver are not installed (apt-get install chromium"
            + " chromium-driver; .ci/run does): skipping the browser test");
    profile = Files.createTempDirectory("cocare-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The flags that keep Chromium from calling home on this machine's closed network, and a
    // fresh profile so no earlier session leaks in.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--lang=en-US",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @AfterEach
  void signOutEverywhere() {
    browser.manage().deleteAllCookies();
  }

  @Test
  void colorectalStartAge45To42_validatedTestedPreviewedApprovedActivated_thenRolledBack() {
    assertThat(sendPatient("forty-two", bornYearsAgo(42))).isEqualTo(201);

    signIn("clinician");
    click(By.id("ruleset-cocare-default"));
    click(By.id("draft-from-1"));
    String draft = text(By.cssSelector("h1 span"));
    assertThat(text(By.id("status"))).isEqualTo("draft");
    assertThat(rulesListing())
        .as("each rule's title and owner from rules.csv")
        .contains("Colorectal cancer screening reminder", "Quality — cancer screening");
    assertThat(text(By.id("file-rules.csv"))).isEqualTo("rules.csv");

    click(By.id("table-screening-age-bands.drl.csv"));
    click(By.id("edit-row-11"));
    WebElement minimumAge = browser.findElement(By.id("cell-E"));
    assertThat(minimumAge.getAttribute("value")).isEqualTo("45");
    minimumAge.clear();
    minimumAge.sendKeys("42");
    click(By.id("save-row"));
    assertThat(text(By.id("notice"))).isEqualTo("Saved.");
    assertThat(cellsOfRow(11)).contains("42", "75");

    browser.findElement(By.linkText(draft)).click();
    click(By.id("validate"));
    assertThat(text(By.id("valid"))).startsWith("Valid");

    click(By.id("run-tests"));
    assertThat(text(By.id("tests-summary"))).matches("\\d+ passed, 0 failed");

    click(By.id("preview"));
    WebElement colorectal =
        browser.findElement(By.cssSelector("#impact-changes tr[data-code='screening-colorectal']"));
    assertThat(colorectal.findElement(By.className("gained")).getText()).isEqualTo("1");
    assertThat(colorectal.getText()).contains("forty-two");
    screenshot("preview");

    // The clinician who edited it may not approve it: the button is not even offered.
    assertThat(browser.findElements(By.id("approve"))).isEmpty();
    String draftPage = browser.getCurrentUrl();
    signOut();

    signIn("approver");
    browser.get(draftPage);
    click(By.id("approve"));
    assertThat(text(By.id("status"))).isEqualTo("approved");
    click(By.id("activate"));
    assertThat(text(By.id("status"))).isEqualTo("active");

    assertThat(sendPatient("forty-two-b", bornYearsAgo(42))).isEqualTo(201);
    signOut();
    signIn("clinician");
    openPatient("forty-two-b");
    WebElement reminder = recommendation("screening-colorectal");
    assertThat(reminder.getAttribute("data-status")).isEqualTo("open");
    assertThat(reminder.getAttribute("data-version")).isEqualTo(draft);
    screenshot("patient-with-reminder");
    signOut();

    signIn("approver");
    click(By.id("ruleset-cocare-default"));
    click(By.id("rollback-to-1"));
    assertThat(text(By.id("notice"))).startsWith("Rolled back");
    assertThat(
            browser
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
    screenshot("patient-after-rollback");
  }

  @Test
  void syntaxErrorInTheEditor_isShownNextToItsLine_inChineseToo() {
    signIn("clinician");
    browser.get(uri("/ui/rulesets/cocare-default?lang=zh-CN").toString());
    assertThat(text(By.tagName("h2"))).isEqualTo("版本");
    click(By.id("draft-from-1"));
    assertThat(rulesListing()).contains("标题", "负责团队");
    click(By.id("file-followup.drl"));
    WebElement editor = browser.findElement(By.id("editor"));
    String source = editor.getAttribute("value");
    int rule = lineOf(source, source.indexOf("rule \""));
    int end = lineOf(source, source.indexOf("\nend", source.indexOf("rule \"")) + 1);
    browser.executeScript(
        "arguments[0].value = arguments[1];",
        editor,
        source.replaceFirst("\nwhen\n", "\nwhen (\n"));
    click(By.id("save"));

    assertThat(text(By.id("notice"))).isEqualTo("已保存。");
    List<WebElement> bad = browser.findElements(By.cssSelector("#gutter li.bad"));
    assertThat(bad).isNotEmpty();
    int marked = Integer.parseInt(bad.get(0).getText());
    assertThat(marked).as("the broken rule's lines").isBetween(rule, end);
    assertThat(browser.findElement(By.id("problems")).getText())
        .contains("followup.drl")
        .contains("第 " + marked + " 行");
    screenshot("syntax-error");
  }

  private void signIn(String user) {
    browser.get(uri("/login?lang=en").toString());
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user + "-demo");
    click(By.id("sign-in"));
    assertThat(text(By.id("signed-in"))).isEqualTo(user);
  }

  private void signOut() {
    click(By.id("logout"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logged-out")));
  }

  private void openPatient(String id) {
    WebElement field = browser.findElement(By.id("patient-id"));
    field.sendKeys(id);
    click(By.id("open-patient"));
  }

  private WebElement recommendation(String code) {
    return browser.findElement(By.cssSelector("#recommendations tr[data-code='" + code + "']"));
  }

  /** The text of the version page's rules and their sources, folded away or not. */
  private static String rulesListing() {
    return String.join(
        "\n",
        browser.findElements(By.cssSelector("details.rules")).stream()
            .map(details -> details.getAttribute("textContent"))
            .toList());
  }

  private List<String> cellsOfRow(int row) {
    return browser.findElements(By.cssSelector("#decision-table tbody tr")).stream()
        .filter(tr -> tr.findElement(By.tagName("td")).getText().equals(String.valueOf(row)))
        .findFirst()
        .orElseThrow()
        .findElements(By.tagName("td"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  /** Clicks and waits for the page the click leads to. */
  private static void click(By target) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(target));
    WebElement page = browser.findElement(By.tagName("html"));
    element.click();
    wait.until(ExpectedConditions.stalenessOf(page));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
  }

  private static String text(By target) {
    try {
      return wait.until(ExpectedConditions.presenceOfElementLocated(target)).getText().strip();
    } catch (TimeoutException e) {
      // What the browser showed instead is the first thing to look at when this fails in CI.
      screenshot("failure");
      throw new AssertionError(
          "no "
              + target
              + " on "
              + browser.getCurrentUrl()
              + ", which shows:\n"
              + browser.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  /** The 1-based line of the character at {@code offset}. */
  private static int lineOf(String text, int offset) {
    return text.substring(0, offset).split("\n", -1).length;
  }

  private static void screenshot(String name) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
