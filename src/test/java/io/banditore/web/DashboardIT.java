package io.banditore.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.banditore.support.AlertFixtures;
import io.banditore.support.Api;
import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver): an on-call person signs in, sees
 * a new alert appear and its deliveries change state live, finds why one failed in a click, and retries it.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class DashboardIT {

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("banditore.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("banditore.test.chromium", "/usr/bin/chromium"));

    private static ChromeDriver browser;

    @TestHTTPResource("/")
    URL dashboard;

    @BeforeAll
    static void startBrowser() {
        assertThat(Files.isExecutable(CHROMEDRIVER)).as(CHROMEDRIVER + " (Debian package chromium-driver; `make test` installs it)").isTrue();
        assertThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + " (Debian package chromium; `make test` installs it)").isTrue();
        // The driver and the browser are named: Selenium looks for nothing and downloads nothing.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                "--lang=en-GB");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void anOnCallPersonWatchesANewAlertGoOutLiveAndFindsWhyADeliveryFailed() throws Exception {
        // Ivrea's bot has been removed from its channel; X answers slowly, so the page shows deliveries in progress.
        Providers.telegram().register(post(urlEqualTo("/bot790:test-ivrea/sendMessage")).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was kicked from the channel chat\"}")));
        Providers.x().register(post(urlEqualTo("/2/tweets")).atPriority(1).willReturn(aResponse().withStatus(201).withFixedDelay(2000)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"1749000000000000001\",\"text\":\"x\",\"edit_history_tweet_ids\":[\"1749000000000000001\"]}}")));

        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(dashboard.toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40), Duration.ofMillis(200));
        browser.findElement(By.id("token")).sendKeys(Tokens.of("ornella.oncall", "operator"));
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "Live"));
        ((JavascriptExecutor) browser).executeScript("window.samePage = true;");

        // A prefecture posts an alert for Torino's province: it appears, waiting for a second person.
        ObjectNode alert = (ObjectNode) new ObjectMapper().readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        String identifier = alert.path("identifier").asText();
        ObjectNode area = (ObjectNode) alert.path("info").get(0).path("area").get(0);
        area.put("areaDesc", "Città metropolitana di Torino");
        area.putArray("geocode").addObject().put("valueName", "ISTAT").put("value", "001");
        Response posted = Api.post(alert.toString(), "mario.rossi");
        posted.then().statusCode(202);
        By card = By.xpath("//li[contains(@class,'alert')][.//p[@class='ident' and starts-with(., '" + identifier + "')]]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(card));
        assertThat(browser.findElement(card).findElement(By.className("badges")).getText()).contains("Pending approval")
                .contains("Waiting for a second person to approve");

        // Approved: the page follows each channel as it goes out, without a reload.
        Api.approve(posted.header("Location"), "giulia.bianchi").then().statusCode(200);
        By xRow = By.xpath("//li[contains(@class,'alert')][.//p[@class='ident' and starts-with(., '" + identifier + "')]]//li[@data-channel='x']");
        By telegramRow = By.xpath("//li[contains(@class,'alert')][.//p[@class='ident' and starts-with(., '" + identifier + "')]]//li[@data-channel='telegram']");
        wait.until(ExpectedConditions.textMatches(xRow, java.util.regex.Pattern.compile("in progress")));
        wait.until(ExpectedConditions.textMatches(telegramRow, java.util.regex.Pattern.compile("3 sent\\s+1 failed\\s+of 4 towns")));
        wait.until(ExpectedConditions.textMatches(xRow, java.util.regex.Pattern.compile("2 sent\\s+of 2 towns")));
        assertThat(browser.findElement(card).getText()).contains("Approved by giulia.bianchi");
        assertThat(browser.findElement(card).getAttribute("data-health")).isEqualTo("failed");

        // One click on "1 failed": Ivrea's delivery, with the provider's reason.
        browser.findElement(telegramRow).findElement(By.className("failed-count")).click();
        WebElement ivrea = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//li[contains(@class,'alert')][.//p[@class='ident' and starts-with(., '" + identifier + "')]]//tr[th[.='Comune di Ivrea']]")));
        assertThat(ivrea.findElement(By.cssSelector("td.status")).getText()).isEqualTo("failed");
        assertThat(ivrea.findElement(By.cssSelector("td.error")).getText()).contains("Forbidden: bot was kicked from the channel chat");
        assertThat(browser.findElement(card).findElements(By.cssSelector("tbody tr"))).hasSize(1);

        // The bot is back in the channel: a retry from the page, and the row turns to sent as it happens.
        Providers.resetAll();
        Providers.answerAsProvidersDo();
        ivrea.findElement(By.xpath(".//button[.='Retry']")).click();
        By ivreaStatus = By.xpath("//li[contains(@class,'alert')][.//p[@class='ident' and starts-with(., '" + identifier + "')]]//select[contains(@id,'-status')]");
        new org.openqa.selenium.support.ui.Select(browser.findElement(ivreaStatus)).selectByValue("");
        wait.until(ExpectedConditions.textMatches(telegramRow, java.util.regex.Pattern.compile("4 sent\\s+of 4 towns")));
        WebElement retried = browser.findElement(By.xpath("//li[contains(@class,'alert')][.//p[@class='ident' and starts-with(., '"
                + identifier + "')]]//tr[th[.='Comune di Ivrea']]"));
        assertThat(retried.findElement(By.cssSelector("td.status")).getText()).isEqualTo("sent");
        assertThat(retried.findElement(By.cssSelector("td.attempts")).getText()).isEqualTo("2");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.samePage === true;")).isEqualTo(true);

        // The keyboard alone closes and opens the towns.
        WebElement toggle = browser.findElement(card).findElement(By.cssSelector("button[aria-controls]"));
        toggle.sendKeys(Keys.ENTER);
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        toggle.sendKeys(Keys.SPACE);
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");

        assertAccessible();
        screenshot("dashboard-desktop.png");

        // On a phone: nothing wider than the screen, and the towns still readable.
        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"));
        assertThat(browser.findElement(card).findElement(By.xpath(".//tr[th[.='Comune di Ivrea']]")).isDisplayed()).isTrue();
        assertAccessible();
        screenshot("dashboard-phone.png");

        // In Italian, with the switch: the same board, every word translated, the same checks.
        browser.manage().window().setSize(new Dimension(1280, 1000));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang"))).selectByValue("it");
        wait.until(ExpectedConditions.textMatches(telegramRow, java.util.regex.Pattern.compile("4 inviate\\s+su 4 comuni")));
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("In diretta");
        assertThat(browser.findElement(card).getText()).contains("Approvata da giulia.bianchi").contains("Nascondi i comuni");
        assertAccessible();
        screenshot("dashboard-desktop-it.png");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang"))).selectByValue("en");
    }

    @Test
    void aRefusedTokenSendsBackToSignIn() {
        browser.get(dashboard.toString());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        browser.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        token.sendKeys("not-a-token");
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("three parts");

        token.clear();
        token.sendKeys(Tokens.of("ornella.oncall", "viewer").replace("Bearer ", "") + "x");
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "refused the token"));
        assertThat(browser.findElement(By.id("main")).isDisplayed()).isFalse();
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.length;")).isEqualTo(0L);
        given().get("/").then().statusCode(200).header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"));
    }

    private void assertAccessible() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")).analyze(browser);
        assertThat(results.getViolations())
                .as(() -> "WCAG violations: " + results.getViolations().stream()
                        .map(r -> r.getId() + " " + r.getHelp() + " " + r.getNodes().stream().map(n -> n.getTarget().toString()).toList())
                        .toList())
                .extracting(Rule::getId).isEmpty();
        assertThat(results.getPasses()).extracting(Rule::getId).contains("color-contrast", "label", "button-name", "aria-allowed-attr");
    }

    /** For a person to look at after the run: target/screenshots. */
    private static void screenshot(String name) throws java.io.IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }
}
