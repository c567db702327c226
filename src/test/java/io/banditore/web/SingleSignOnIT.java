package io.banditore.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.banditore.support.KafkaBrokerResource;
import io.banditore.support.OidcProviderResource;
import io.banditore.support.ProviderStubsResource;
import io.banditore.support.SignInProfile;
import io.banditore.support.TokenKeysResource;
import io.banditore.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/**
 * Dashboard sign-in with the organisation's OpenID Connect provider (Quarkus's WireMock test provider): the page sends
 * a person who has not signed in to the provider with a PKCE challenge, they sign in there and come back to the
 * dashboard as themselves with the roles of the provider's claim; the API still takes bearer tokens, answers 401
 * (not a redirect) without one, refuses everything to a person without a role, and refuses a change made with the
 * session cookie from anywhere but the dashboard's own script.
 */
@QuarkusTest
@TestProfile(SignInProfile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(ProviderStubsResource.class)
@WithTestResource(TokenKeysResource.class)
class SingleSignOnIT {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String AUTHORIZE = "/auth/realms/quarkus";
    private static final String TOKEN = "/auth/realms/quarkus/token";

    @OidcWireMock
    WireMockServer provider;

    @TestHTTPResource("/")
    URL dashboard;

    @BeforeEach
    void people() {
        // Who the provider signs in: their user name picks the code, the code picks their tokens.
        person("ornella.oncall", "operator", "approver");
        person("giulia.bianchi", "approver");
        person("ugo.esterno");
        provider.stubFor(get(urlPathEqualTo("/auth/realms/quarkus/protocol/openid-connect/end-session")).atPriority(1)
                .willReturn(aResponse().withStatus(302).withHeader("Location", "{{request.query.post_logout_redirect_uri}}")
                        .withTransformers("response-template")));
    }

    @Test
    void aPersonWhoHasNotSignedInIsSentToTheProviderWithAPkceChallenge() {
        for (String page : List.of("/", "/index.html")) {
            Response answer = given().redirects().follow(false).when().get(page);

            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            URI location = URI.create(answer.header("Location"));
            assertThat(location.getPath()).isEqualTo(AUTHORIZE);
            Map<String, String> query = query(location);
            assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", SignInProfile.CLIENT_ID)
                    .containsEntry("code_challenge_method", "S256").containsEntry("redirect_uri", dashboard.toString().replaceAll("/$", "") + page)
                    .containsKey("state");
            // A SHA-256 digest, base64url without padding: 43 characters.
            assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
            assertThat(query.get("scope").split(" ")).contains("openid", "profile");
            // The code verifier stays with the service, in its encrypted state cookie, never in the address.
            assertThat(location.toString()).doesNotContain("code_verifier");
            assertThat(answer.detailedCookies().asList()).anySatisfy(cookie -> {
                assertThat(cookie.getName()).startsWith("q_auth");
                assertThat(cookie.isHttpOnly()).isTrue();
            });
        }
    }

    @Test
    void theApiKeepsTakingBearerTokensAndAnswersUnauthorisedWithoutOne() {
        given().header("Authorization", Tokens.of("mario.rossi", "operator")).when().get("/api/v1/session")
                .then().statusCode(200).body("user", org.hamcrest.Matchers.is("mario.rossi"))
                .body("roles", org.hamcrest.Matchers.contains("operator")).body("signIn", org.hamcrest.Matchers.is("token"));
        given().header("Authorization", Tokens.of("lucia.verdi", "viewer")).when().get("/api/v1/alerts").then().statusCode(200);

        // A script or a city system without a token is told so, not sent to a login form it cannot fill in.
        Response none = given().redirects().follow(false).when().get("/api/v1/alerts");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(none.header("Location")).isNull();
        given().redirects().follow(false).header("Authorization", "Bearer not.a.token").when().get("/api/v1/alerts")
                .then().statusCode(401);
    }

    @Test
    void aSignedInPersonUsesTheApiWithTheirSessionAndThePageKeepsItsSecurityHeaders() {
        List<Cookie> session = signIn("giulia.bianchi");

        // The code was exchanged with the verifier matching the challenge (PKCE).
        provider.verify(postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(containing("code=code-giulia.bianchi"))
                .withRequestBody(containing("code_verifier=")));

        Response page = given().cookies(cookies(session)).redirects().follow(false).when().get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        // Never kept by the browser: after a sign-out, the page is asked of the service (and its provider) again.
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.asString()).contains("<title>Banditore</title>");

        given().cookies(cookies(session)).header("X-Requested-With", "JavaScript").when().get("/api/v1/session")
                .then().statusCode(200).body("user", org.hamcrest.Matchers.is("giulia.bianchi"))
                .body("roles", org.hamcrest.Matchers.contains("approver")).body("signIn", org.hamcrest.Matchers.is("oidc"));
        given().cookies(cookies(session)).header("X-Requested-With", "JavaScript").when().get("/api/v1/alerts")
                .then().statusCode(200);

        // The dashboard's script says who it is; a form on another page of the same site cannot, and is refused.
        given().cookies(cookies(session)).when().post("/api/v1/alerts/no-such-alert/approve")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("must come from the dashboard"));
        given().cookies(cookies(session)).header("X-Requested-With", "JavaScript").when().post("/api/v1/alerts/no-such-alert/approve")
                .then().statusCode(404).contentType("application/problem+json");

        // A session that is no longer valid is refused, not redirected: the page's script then signs in again.
        Response ended = given().cookie("q_session", "ended").header("X-Requested-With", "JavaScript").redirects().follow(false)
                .when().get("/api/v1/alerts");
        assertThat(ended.statusCode()).isIn(401, 499);
        assertThat(ended.header("Location")).isNull();
    }

    @Test
    void theSignedOutPageNeedsNoSessionAndKeepsTheSecurityHeaders() {
        Response page = given().redirects().follow(false).when().get("/signed-out.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.asString()).contains("You have signed out of Banditore.").contains("href=\"/\"");
    }

    @Test
    void someoneTheProviderKnowsButWithoutARoleIsRefusedEverything() {
        List<Cookie> session = signIn("ugo.esterno");

        given().cookies(cookies(session)).header("X-Requested-With", "JavaScript").when().get("/api/v1/session")
                .then().statusCode(200).body("user", org.hamcrest.Matchers.is("ugo.esterno"))
                .body("roles", org.hamcrest.Matchers.empty());
        for (String path : List.of("/api/v1/alerts", "/api/v1/deliveries", "/api/v1/targets")) {
            given().cookies(cookies(session)).header("X-Requested-With", "JavaScript").when().get(path).then().statusCode(403);
        }
    }

    @Test
    void anOnCallPersonSignsInWithTheirOrganisationsAccountInABrowserAndSignsOut() {
        try (Browser browser = new Browser("en-GB")) {
            browser.driver.get(dashboard.toString());

            // The provider's login form, then back on the dashboard as themselves, live.
            browser.visible(By.id("username")).sendKeys("ornella.oncall");
            browser.find(By.id("password")).sendKeys("her-own-password");
            browser.find(By.id("login")).click();
            browser.wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
            assertThat(browser.find(By.id("connection")).getText()).isEqualTo("Live");
            assertThat(browser.find(By.id("who")).getText()).isEqualTo("ornella.oncall (operator, approver)");
            assertThat(browser.find(By.id("sign-in")).isDisplayed()).as("no token to paste").isFalse();
            assertThat(browser.find(By.id("nav-compose")).isDisplayed()).as("an operator writes alerts").isTrue();
            assertThat(browser.find(By.id("nav-review")).isDisplayed()).as("an approver reviews them").isTrue();
            // Nothing of the sign-in is left in the address, and no token in the tab's storage.
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(dashboard.toString());
            assertThat(browser.script("return JSON.stringify(Object.keys(sessionStorage));")).isEqualTo("[]");
            browser.assertAccessible("dashboard after sign-in");
            browser.screenshot("sso-signed-in.png");

            browser.find(By.id("sign-out")).click();
            browser.wait.until(ExpectedConditions.urlContains("/signed-out.html"));
            assertThat(browser.visible(By.id("signed-out")).getText()).contains("You have signed out of Banditore.")
                    .contains("Siete usciti da Banditore.");

            // Signed out for good: the dashboard asks the provider again.
            browser.driver.get(dashboard.toString());
            try {
                assertThat(browser.visible(By.id("username")).isDisplayed()).isTrue();
            } catch (RuntimeException e) {
                throw new AssertionError(browser.driver.getCurrentUrl() + "\n" + browser.driver.getPageSource(), e);
            }
        }
    }

    /** The provider signs this person in with these roles in its own claim; the code it gives back names them. */
    private void person(String user, String... roles) {
        String idToken = Jwt.preferredUserName(user).subject(user).issuer(OidcProviderResource.ISSUER)
                .audience(Set.of(SignInProfile.CLIENT_ID)).claim(SignInProfile.ROLE_CLAIM, List.of(roles)).claim("sid", "sid-" + user)
                .expiresIn(300).jws().keyId("1").sign(OidcProviderResource.SIGNING_KEY);
        String accessToken = Jwt.preferredUserName(user).subject(user).issuer(OidcProviderResource.ISSUER)
                .audience(Set.of(SignInProfile.CLIENT_ID)).claim(SignInProfile.ROLE_CLAIM, List.of(roles))
                .expiresIn(300).jws().keyId("1").sign(OidcProviderResource.SIGNING_KEY);
        provider.stubFor(get(urlPathEqualTo("/login")).atPriority(1).withQueryParam("username", equalTo(user))
                .willReturn(aResponse().withStatus(302)
                        .withHeader("Location", "{{request.query.redirect_uri}}?state={{request.query.state}}&code=code-" + user)
                        .withTransformers("response-template")));
        provider.stubFor(post(urlEqualTo(TOKEN)).atPriority(1).withRequestBody(containing("code=code-" + user))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                                + "\"refresh_token\":\"refresh-" + user + "\",\"id_token\":\"" + idToken + "\"}")));
    }

    /** The browser's steps without a browser: the dashboard, the provider's login, back to the dashboard. */
    private List<Cookie> signIn(String user) {
        Response start = given().redirects().follow(false).when().get("/");
        assertThat(start.statusCode()).isEqualTo(302);
        Map<String, String> authorize = query(URI.create(start.header("Location")));
        Response login = given().redirects().follow(false).queryParam("username", user).queryParam("password", "secret")
                .queryParam("state", authorize.get("state")).queryParam("redirect_uri", authorize.get("redirect_uri"))
                .when().get(provider.baseUrl() + "/login");
        assertThat(login.statusCode()).isEqualTo(302);
        Response back = given().redirects().follow(false).cookies(cookies(start.detailedCookies().asList()))
                .urlEncodingEnabled(false).when().get(login.header("Location"));
        assertThat(back.statusCode()).as("back from the provider").isEqualTo(302);
        assertThat(back.header("Location")).isEqualTo(dashboard.toString());
        List<Cookie> session = back.detailedCookies().asList().stream()
                .filter(c -> c.getName().startsWith("q_session") && !c.getValue().isEmpty()).toList();
        // quarkus-oidc's session cookie: script cannot read it, and another site cannot send it with a POST.
        assertThat(session).isNotEmpty().allSatisfy(c -> {
            assertThat(c.isHttpOnly()).isTrue();
            assertThat(c.getSameSite()).isEqualToIgnoringCase("lax");
        });
        return session;
    }

    private static Map<String, String> cookies(List<Cookie> cookies) {
        return cookies.stream().filter(c -> !c.getValue().isEmpty()).collect(Collectors.toMap(Cookie::getName, Cookie::getValue, (a, b) -> b));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
    }
}
