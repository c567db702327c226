package io.banditore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The page in Italian for a browser that asks for Italian, on a machine set to New York's clock: every word translated,
 * every time read and shown on Italy's clock with the zone named, the WCAG checks passed in Italian, and a switch to
 * English that the tab remembers.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class ItalianConsoleIT {

    @TestHTTPResource("/")
    URL page;

    @Test
    void anItalianOperatorReadsEverythingInItalianOnItalysClockAndMaySwitchToEnglish() {
        try (Browser italian = new Browser("it-IT", "America/New_York")) {
            italian.signIn(page.toString(), "mario.rossi", "operator", "approver");
            assertThat(italian.find(By.tagName("html")).getAttribute("lang")).isEqualTo("it");
            assertThat(italian.find(By.id("connection")).getText()).isEqualTo("In diretta");
            assertThat(italian.find(By.id("nav-compose")).getText()).isEqualTo("Nuova allerta");
            // Every word has its Italian, and every word the page names exists.
            assertThat((List<?>) italian.script("const w = Banditore.WORDS; return Object.keys(w.en).filter(k => !(k in w.it));")).isEmpty();
            assertThat((List<?>) italian.script("return [...document.querySelectorAll('[data-i18n]')].map(n => n.dataset.i18n)"
                    + ".filter(k => !(k in Banditore.WORDS.it));")).isEmpty();
            italian.assertAccessible("board, Italian");

            // Times: what the operator types is Italy's wall clock, whatever the machine's zone, winter and summer.
            assertThat(italian.script("return Intl.DateTimeFormat().resolvedOptions().timeZone;")).isEqualTo("America/New_York");
            assertThat(italian.script("return Banditore.time.localToIso('2026-12-03T10:00');")).isEqualTo("2026-12-03T10:00:00+01:00");
            assertThat(italian.script("return Banditore.time.localToIso('2026-07-03T10:00');")).isEqualTo("2026-07-03T10:00:00+02:00");
            assertThat(italian.script("return Banditore.time.isoToLocal('2026-12-03T09:00:00Z');")).isEqualTo("2026-12-03T10:00");
            assertThat(italian.script("return Banditore.time.when('2026-07-03T08:00:00Z');")).asString().contains("10:00").endsWith("CEST");

            italian.find(By.id("nav-compose")).click();
            italian.visible(By.id("compose-form"));
            assertThat(new Select(italian.find(By.id("template"))).getFirstSelectedOption().getText()).isEqualTo("Allerta meteo arancione");
            italian.script("const e = document.getElementById('c-expires'); e.value = '2026-12-03T10:00'; e.dispatchEvent(new Event('input', {bubbles: true}));");
            assertThat(italian.find(By.id("c-expires-zone")).getText()).isEqualTo("giovedì 3 dicembre 2026 alle ore 10:00 (ora italiana, CET, UTC+01:00)");
            italian.script("const e = document.getElementById('c-expires'); e.value = new Date(Date.now() + 6 * 3600000).toISOString().slice(0, 16);"
                    + " e.dispatchEvent(new Event('input', {bubbles: true}));");
            italian.find(By.id("c-sender")).sendKeys("protezionecivile@prefettura.torino.it");
            italian.find(By.id("c-place")).sendKeys("Piemonte");
            italian.visible(By.cssSelector("#c-place-list [data-code='01']"));
            italian.find(By.id("c-place")).sendKeys(Keys.ENTER);
            italian.wait.until(ExpectedConditions.textToBe(By.id("reach-summary"), "4 comuni della rubrica."));
            assertThat(italian.find(By.id("c-areaDesc")).getAttribute("value")).isEqualTo("Regione Piemonte");
            italian.find(By.id("preview-button")).click();
            italian.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#preview .preview-summary"),
                    "4 comuni"));
            assertThat(italian.find(By.cssSelector("#preview .preview-summary")).getText()).contains("inviata dopo l'approvazione di una seconda persona");
            assertThat(italian.find(By.cssSelector("#preview [data-town='ivrea'] [data-channel='x']")).getText())
                    .contains("Nessun account X: lì non si pubblica nulla.");
            italian.assertAccessible("compose with preview, Italian");
            italian.find(By.id("nav-review")).click();
            italian.visible(By.id("review-title"));
            assertThat(italian.find(By.id("review-title")).getText()).isEqualTo("In attesa di approvazione");
            italian.assertAccessible("review, Italian");

            // The switch: English at once, and still English after a reload of the tab.
            new Select(italian.find(By.id("lang"))).selectByValue("en");
            assertThat(italian.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(italian.find(By.id("review-title")).getText()).isEqualTo("Waiting for approval");
            italian.driver.navigate().refresh();
            italian.wait.until(ExpectedConditions.textToBe(By.id("nav-compose"), "New alert"));
            italian.find(By.id("nav-compose")).click();
            assertThat(italian.visible(By.id("c-expires-zone")).getText()).containsPattern("\\(Italian (summer )?time, CES?T, UTC\\+0[12]:00\\)");
            italian.assertAccessible("review, English after the switch");
        }
    }
}
