package io.banditore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import io.banditore.support.Tokens;

/**
 * One person's headless Chromium (Debian's chromium and chromium-driver, named: Selenium looks for nothing and
 * downloads nothing), with the steps every browser test takes: sign in, wait, check WCAG with axe-core, screenshot.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of(System.getProperty("banditore.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("banditore.test.chromium", "/usr/bin/chromium"));

    final ChromeDriver driver;
    final WebDriverWait wait;

    /** @param language the browser's language, e.g. "en-GB" or "it-IT", which the page follows until switched */
    Browser(String language) {
        this(language, null);
    }

    /** @param zone the time zone the browser's machine is set to (TZ), or null for this machine's */
    Browser(String language, String zone) {
        assertThat(Files.isExecutable(CHROMEDRIVER)).as(CHROMEDRIVER + " (Debian package chromium-driver; `make test` installs it)").isTrue();
        assertThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + " (Debian package chromium; `make test` installs it)").isTrue();
        ChromeDriverService.Builder builder = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort();
        if (zone != null) {
            builder.withEnvironment(java.util.Map.of("TZ", zone));
        }
        ChromeDriverService service = builder.build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(40), Duration.ofMillis(200));
    }

    /** Opens the page and signs in with a token for this person and these roles. */
    Browser signIn(String url, String user, String... roles) {
        driver.get(url);
        // A fresh tab for this person: no token or draft of an earlier test.
        script("sessionStorage.clear();");
        driver.get(url + "#board");
        driver.navigate().refresh();
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        token.sendKeys(Tokens.of(user, roles));
        driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
        return this;
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** axe-core's WCAG 2.2 AA checks on what the page shows now. */
    void assertAccessible(String where) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")).analyze(driver);
        assertThat(results.getViolations())
                .as(() -> where + ": WCAG violations: " + results.getViolations().stream()
                        .map(r -> r.getId() + " " + r.getHelp() + " " + r.getNodes().stream().map(n -> n.getTarget().toString()).toList())
                        .toList())
                .extracting(Rule::getId).isEmpty();
        // axe ran and checked the colours (form rules pass only where the view has fields).
        assertThat(results.getPasses()).extracting(Rule::getId).contains("color-contrast", "button-name");
    }

    /** For a person to look at after the run: target/screenshots. */
    void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page, however long, for a screenshot. */
    void fullHeight(int width) {
        long height = (Long) script("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, (int) Math.min(height + 100, 8000)));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
