package org.cocare.routes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the page tests (a JUnit extension), with a fresh profile and the
 * flags that keep it from calling home on a closed network; clicks that wait for the next page,
 * texts that say what the page showed instead when they are missing, screenshots under {@code
 * target/browser}. A test is skipped, saying why, where chromium and chromium-driver are not
 * installed ({@code .ci/run} installs them).
 */
public final class HeadlessBrowser
    implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOTS = Path.of("target", "browser");

  private final String name;
  private final String windowSize;
  private ChromeDriver driver;
  private WebDriverWait wait;

  /**
   * A browser started before a test class and closed after it, its cookies cleared after each test
   * (register it as a static {@code @RegisterExtension} field).
   *
   * @param name names the profile folder and the screenshot taken when a text is missing
   * @param windowSize e.g. {@code 1400,1000}
   */
  public HeadlessBrowser(String name, String windowSize) {
    this.name = name;
    this.windowSize = windowSize;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "Debian chromium and chromium-driver are not installed (apt-get install chromium"
            + " chromium-driver; .ci/run does): skipping the browser test");
    Path profile = Files.createTempDirectory("cocare-chromium-" + name);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
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
        "--window-size=" + windowSize,
        "--lang=en-US",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    Files.createDirectories(SCREENSHOTS);
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Forgets every session: the next test signs in afresh. */
  @Override
  public void afterEach(ExtensionContext context) {
    if (driver != null) {
      driver.manage().deleteAllCookies();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (driver != null) {
      driver.quit();
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public WebDriverWait waiting() {
    return wait;
  }

  /** Clicks and waits for the page the click leads to. */
  public void click(By target) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(target));
    WebElement page = driver.findElement(By.tagName("html"));
    element.click();
    wait.until(d -> isGone(page));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
  }

  /**
   * True once the page this element belonged to was replaced. Chromedriver says so with a stale
   * element, or, when it asks while the new document is taking the old one's place, with an
   * inspector error that the node "does not belong to the document".
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  /** The element's text; when it does not come, what the page showed instead. */
  public String text(By target) {
    try {
      return wait.until(ExpectedConditions.presenceOfElementLocated(target)).getText().strip();
    } catch (TimeoutException e) {
      // What the browser showed instead is the first thing to look at when this fails in CI.
      screenshot(name + "-failure");
      throw new AssertionError(
          "no "
              + target
              + " on "
              + driver.getCurrentUrl()
              + ", which shows:\n"
              + driver.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  public void screenshot(String name) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
