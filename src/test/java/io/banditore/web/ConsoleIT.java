package io.banditore.web;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.Providers;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The operators' console in two real headless Chromiums, one per person: an operator composes a province-wide
 * arancione alert from the template, previews it and submits it; a second person approves it from the queue while the
 * first watches it go out; an Update shows its difference; a Cancel withdraws it; the author cannot approve their
 * own; a refused field shows the service's message; a draft survives a reload.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class ConsoleIT {

    private static final String SENDER = "protezionecivile@prefettura.torino.it";
    private static Browser operator;
    private static Browser approver;

    @TestHTTPResource("/")
    URL page;

    /** A failed test leaves both people's screens and what the page said in target/screenshots. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.TestWatcher SCREENS = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            for (var entry : java.util.Map.of("operator", operator, "approver", approver).entrySet()) {
                if (entry.getValue() != null) {
                    entry.getValue().fullHeight(1280);
                    entry.getValue().screenshot("failed-" + context.getRequiredTestMethod().getName() + "-" + entry.getKey() + ".png");
                }
            }
        }
    };

    @BeforeAll
    static void startBrowsers() {
        operator = new Browser("en-GB");
        approver = new Browser("en-GB");
    }

    @AfterAll
    static void stopBrowsers() {
        if (operator != null) {
            operator.close();
        }
        if (approver != null) {
            approver.close();
        }
    }

    @BeforeEach
    void stubProviders() {
        Providers.resetAll();
        Providers.answerAsProvidersDo();
    }

    @Test
    void anAlertIsComposedApprovedByASecondPersonUpdatedAndWithdrawnFromThePage() throws Exception {
        operator.signIn(page.toString(), "mario.rossi", "operator");
        operator.find(By.id("nav-compose")).click();
        operator.visible(By.id("compose-form"));

        // From the template: an orange weather warning, every CAP field filled, times on Italy's clock.
        new Select(operator.find(By.id("template"))).selectByValue("arancione");
        operator.find(By.id("apply-template")).click();
        assertThat(operator.find(By.id("c-headline")).getAttribute("value")).isEqualTo("Allerta arancione per piogge intense");
        assertThat(new Select(operator.find(By.id("c-colour"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("arancione");
        assertThat(new Select(operator.find(By.id("c-severity"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("Severe");
        assertThat(operator.find(By.id("c-expires-zone")).getText()).containsPattern("Italian (summer )?time, CES?T, UTC\\+0[12]:00");
        type(operator, "c-sender", SENDER);

        // The area by name, with the keyboard alone: Torino's province, and the towns of the directory it reaches.
        WebElement place = operator.find(By.id("c-place"));
        place.sendKeys("Torino");
        operator.visible(By.cssSelector("#c-place-list [data-code='001']"));
        place.sendKeys(Keys.ARROW_DOWN);
        assertThat(place.getAttribute("aria-activedescendant")).isEqualTo("place-option-0");
        place.sendKeys(Keys.ENTER);
        operator.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("c-places"), "(001)"));
        assertThat(operator.find(By.id("c-areaDesc")).getAttribute("value")).isEqualTo("Provincia di Torino");
        assertThat(operator.find(By.id("reach-summary")).getText()).isEqualTo("4 towns of the directory.");
        assertThat(operator.find(By.id("reach-list")).getText()).contains("Città di Torino", "Comune di Chivasso", "Comune di Ivrea", "Comune di Pinerolo")
                .doesNotContain("Trieste", "Aosta");

        // An exercise cannot be mistaken for a real alert while it is written.
        assertThat(operator.find(By.id("practice-banner")).isDisplayed()).isFalse();
        operator.find(By.cssSelector("input[name=status][value=Exercise]")).click();
        assertThat(operator.visible(By.id("practice-banner")).getText()).startsWith("EXERCISE — not a real alert");
        assertThat(operator.find(By.id("reach-list")).getText()).contains("Città di Torino — Telegram, X · does not take tests or exercises: skipped");
        operator.assertAccessible("compose, exercise");
        click(operator, By.cssSelector("input[name=status][value=Actual]"));
        assertThat(operator.find(By.id("practice-banner")).isDisplayed()).isFalse();

        // The preview: every town, every channel, each part against its platform's limit, and what is not posted.
        operator.find(By.id("preview-button")).click();
        operator.wait.until(d -> d.findElements(By.cssSelector("#preview .town-preview")).size() == 4);
        WebElement torino = operator.find(By.cssSelector("#preview .town-preview[data-town='torino']"));
        assertThat(torino.findElement(By.cssSelector("[data-channel='telegram'] .text")).getText()).contains("Allerta arancione per piogge intense");
        // Torino takes English too: one Telegram message per language.
        assertThat(torino.findElements(By.cssSelector("[data-channel='telegram'] .length"))).extracting(WebElement::getText)
                .allMatch(text -> text.matches("Part [12] of 2: \\d+ / 4096 characters"));
        assertThat(torino.findElements(By.cssSelector("[data-channel='telegram'] .text")).get(1).getText()).contains("Orange warning: heavy rain");
        assertThat(torino.findElement(By.cssSelector("[data-channel='x'] .length")).getText()).matches("Part 1 of \\d: \\d+ / 280 characters");
        assertThat(torino.findElement(By.cssSelector("[data-channel='shortvideo']")).getText()).contains("No Short video (TikTok) account");
        assertThat(operator.find(By.cssSelector("#preview .town-preview[data-town='chivasso'] [data-channel='shortvideo'] .length")).getText())
                .matches("Part 1 of 1: \\d+ / 2200 characters");
        assertThat(operator.find(By.cssSelector("#preview .preview-summary")).getText()).contains("4 towns").contains("sent after a second person approves");
        operator.assertAccessible("compose with preview");
        operator.fullHeight(1280);
        operator.screenshot("console-compose.png");
        operator.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

        String identifier = operator.find(By.id("c-identifier")).getAttribute("value");
        operator.find(By.id("submit-button")).click();
        operator.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("board-notice"),
                "\"Allerta arancione per piogge intense\" waits for a second person's approval"));
        assertThat(card(operator, identifier).findElement(By.className("badges")).getText()).contains("Pending approval");
        assertThat(operator.script("return sessionStorage.getItem('banditore.draft');")).isNull();

        // The author sees their own alert in the queue, waiting, with no approve button.
        operator.find(By.id("nav-review")).click();
        WebElement own = reviewCard(operator, identifier);
        assertThat(own.getText()).contains("You posted this one: waiting for a second person").contains("Posted by mario.rossi");
        assertThat(own.findElements(By.xpath(".//button"))).isEmpty();
        operator.find(By.id("nav-board")).click();
        operator.script("window.samePage = true;");

        // A second person approves from the queue, having seen what every town gets.
        approver.signIn(page.toString(), "giulia.bianchi", "approver");
        approver.find(By.id("nav-review")).click();
        WebElement pending = reviewCard(approver, identifier);
        approver.wait.until(d -> pending.findElements(By.className("town-preview")).size() == 4);
        assertThat(pending.findElement(By.cssSelector("details.cap pre")).getAttribute("textContent")).contains("\"identifier\": \"" + identifier + "\"");
        assertThat(approver.find(By.id("nav-compose")).isDisplayed()).isFalse();
        approver.assertAccessible("review queue");
        pending.findElement(By.xpath(".//button[.='Approve and publish']")).click();
        approver.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-notice"), "Approved"));

        // The author watches it go out, on the same page.
        By telegram = cardChannel(identifier, "telegram");
        operator.wait.until(ExpectedConditions.textMatches(telegram, Pattern.compile("4 sent\\s+of 4 towns")));
        operator.wait.until(ExpectedConditions.textToBePresentInElementLocated(cardBy(identifier), "Approved by giulia.bianchi"));
        assertThat(operator.script("return window.samePage === true;")).isEqualTo(true);

        // An Update from the alert's card: the form filled from it; the approver sees what changes.
        card(operator, identifier).findElement(By.xpath(".//button[.='Update']")).click();
        operator.wait.until(ExpectedConditions.textToBe(By.id("compose-title"), "Update an alert"));
        assertThat(operator.find(By.id("compose-context")).getText()).contains(identifier);
        assertThat(operator.find(By.cssSelector("input[name=status][value=Exercise]")).isEnabled()).isFalse();
        type(operator, "c-headline", "Allerta rossa per piogge intense");
        new Select(operator.find(By.id("c-colour"))).selectByValue("rossa");
        String update = operator.find(By.id("c-identifier")).getAttribute("value");
        submitSeen(operator);
        approver.find(By.id("nav-review")).click();
        WebElement updateCard = reviewCard(approver, update);
        WebElement headlineRow = updateCard.findElement(By.xpath(".//table[@class='diff']//tr[th[starts-with(., 'Headline')]]"));
        assertThat(headlineRow.getAttribute("class")).isEqualTo("changed");
        assertThat(headlineRow.findElements(By.tagName("td"))).extracting(WebElement::getText)
                .containsExactly("Allerta arancione per piogge intense", "Allerta rossa per piogge intense");
        assertThat(updateCard.findElement(By.xpath(".//table[@class='diff']//tr[th[starts-with(., 'Event')]]")).getAttribute("class")).isEqualTo("same");
        approver.wait.until(d -> updateCard.findElements(By.className("town-preview")).size() == 4);
        approver.assertAccessible("review of an update");
        approver.fullHeight(1280);
        approver.screenshot("console-review-update.png");
        approver.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        updateCard.findElement(By.xpath(".//button[.='Approve and publish']")).click();
        operator.wait.until(ExpectedConditions.textMatches(cardChannel(update, "telegram"), Pattern.compile("4 sent\\s+of 4 towns")));
        assertThat(telegramTexts()).anyMatch(t -> t.contains("AGGIORNAMENTO") && t.contains("Allerta rossa per piogge intense"));

        // A Cancel from the updated alert's card withdraws it, through the second person again.
        card(operator, update).findElement(By.xpath(".//button[starts-with(., 'Withdraw')]")).click();
        operator.wait.until(ExpectedConditions.textToBe(By.id("compose-title"), "Withdraw an alert"));
        String cancel = operator.find(By.id("c-identifier")).getAttribute("value");
        submitSeen(operator);
        approver.find(By.id("nav-review")).click();
        reviewCard(approver, cancel).findElement(By.xpath(".//button[.='Approve and publish']")).click();
        operator.wait.until(ExpectedConditions.textToBePresentInElement(card(operator, update).findElement(By.className("badges")), "Cancelled"));
        assertThat(card(operator, update).findElements(By.xpath(".//button[.='Update']"))).isEmpty();
        operator.wait.until(d -> telegramTexts().stream().anyMatch(t -> t.contains("REVOCA")));
    }

    @Test
    void aRefusedFieldShowsTheServicesMessageAndTheDraftSurvivesAReload() {
        operator.signIn(page.toString(), "mario.rossi", "operator");
        operator.find(By.id("nav-compose")).click();
        operator.visible(By.id("compose-form"));
        operator.find(By.id("apply-template")).click();
        type(operator, "c-sender", SENDER);
        WebElement place = operator.find(By.id("c-place"));
        place.sendKeys("001082");
        operator.visible(By.cssSelector("#c-place-list [data-code='001082']")).click();
        // An end already past: the service refuses it, and says so next to that field.
        operator.script("const e = document.getElementById('c-expires'); e.value = '2020-01-01T10:00'; e.dispatchEvent(new Event('input', {bubbles: true}));");
        operator.find(By.id("preview-button")).click();
        WebElement error = operator.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("c-expires-error")));
        assertThat(error.getText()).contains("is already past");
        assertThat(operator.find(By.id("c-expires")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(operator.find(By.id("c-expires")).getAttribute("aria-describedby")).contains("c-expires-error");
        assertThat(operator.find(By.id("compose-summary")).getText()).contains("Ends (expires): ").contains("is already past");
        assertThat(operator.find(By.id("preview")).isDisplayed()).isFalse();
        operator.assertAccessible("compose with a refusal");

        // A reload keeps the draft (this tab only) and the page where it was.
        type(operator, "c-headline", "Bozza da non perdere");
        operator.driver.navigate().refresh();
        operator.wait.until(ExpectedConditions.attributeToBe(By.id("c-headline"), "value", "Bozza da non perdere"));
        assertThat(operator.find(By.id("c-places")).getText()).contains("Chivasso (001082)");
        assertThat(operator.find(By.id("c-expires")).getAttribute("value")).isEqualTo("2020-01-01T10:00");
        assertThat(operator.find(By.id("c-sender")).getAttribute("value")).isEqualTo(SENDER);

        // On a phone: nothing wider than the screen.
        operator.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        operator.wait.until(d -> (Boolean) operator.script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"));
        operator.assertAccessible("compose on a phone");
        operator.screenshot("console-compose-phone.png");
        operator.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }

    /** Submit pressed twice: the first shows the preview of what changed, the second posts what was seen. */
    private static void submitSeen(Browser browser) {
        browser.find(By.id("submit-button")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compose-status"), "check what each town will receive"));
        assertThat(browser.find(By.id("preview")).isDisplayed()).isTrue();
        browser.find(By.id("submit-button")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("board-notice"), "waits for a second person's approval"));
    }

    /** A click on an element scrolled to the middle of the screen, clear of the sticky practice banner. */
    private static void click(Browser browser, By by) {
        WebElement element = browser.find(by);
        browser.script("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static void type(Browser browser, String id, String text) {
        WebElement field = browser.find(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static By cardBy(String identifier) {
        return By.xpath("//ol[@id='alerts']/li[.//p[@class='ident' and starts-with(., '" + identifier + " ')]]");
    }

    private static WebElement card(Browser browser, String identifier) {
        return browser.visible(cardBy(identifier));
    }

    private static By cardChannel(String identifier, String channel) {
        return By.xpath("//ol[@id='alerts']/li[.//p[@class='ident' and starts-with(., '" + identifier + " ')]]//li[@data-channel='" + channel + "']");
    }

    private static WebElement reviewCard(Browser browser, String identifier) {
        return browser.visible(By.xpath("//ol[@id='review-list']/li[.//p[@class='ident' and starts-with(., '" + identifier + " ')]]"));
    }

    private static List<String> telegramTexts() {
        ObjectMapper mapper = new ObjectMapper();
        return Providers.telegram().find(postRequestedFor(urlPathMatching("/bot.*/sendMessage"))).stream().map(r -> {
            try {
                return mapper.readTree(r.getBodyAsString()).path("text").asText();
            } catch (Exception e) {
                return "";
            }
        }).toList();
    }
}
