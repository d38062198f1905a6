package dev.aauth.jakarta.consent;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Deferred.jwt;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.TokenRequests.assertTokenError;
import static dev.aauth.jakarta.it.TokenRequests.challenge;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static dev.aauth.jakarta.it.TokenRequests.pending;
import static dev.aauth.jakarta.it.TokenRequests.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.Deferred;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.login.PasswordHashes;
import dev.aauth.jakarta.personserver.StandInResource;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jakarta.store.RequestStatus;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AuthToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The person's side of the Person Server in a real browser (headless Chromium) against the running
 * aauth-it server: the agent's side is played over real HTTP (a stand-in Agent Provider whose
 * agents have the real Person Server as {@code ps}, resource tokens from the real supply-chain
 * resource, the real token endpoint and pending URLs). Each test signs in as a person of its own,
 * with agents of their own, so tests do not see each other's consents.
 */
class ConsentBrowserIT {

    static ConsentBrowser browser;
    static StandInIssuers.AgentProvider provider;

    /** The agent's callback endpoint: a page on loopback the browser can really reach. */
    static com.sun.net.httpserver.HttpServer callbacks;

    static String callbackEndpoint;
    static final String PASSWORD = "correct horse battery staple";

    Person person;

    @BeforeAll
    static void start() {
        browser = new ConsentBrowser();
        try {
            callbacks =
                    com.sun.net.httpserver.HttpServer.create(
                            new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        callbacks.createContext(
                "/callback",
                ex -> {
                    byte[] page =
                            "<!DOCTYPE html><title>agent</title><p id=agent-callback>back at the agent</p>"
                                    .getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "text/html");
                    ex.sendResponseHeaders(200, page.length);
                    ex.getResponseBody().write(page);
                    ex.close();
                });
        callbacks.start();
        callbackEndpoint = "http://127.0.0.1:" + callbacks.getAddress().getPort() + "/callback";
        provider =
                StandInIssuers.agentProvider(
                        Map.of(
                                "client_name",
                                "Acme Travel Assistant",
                                "callback_endpoint",
                                callbackEndpoint));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (callbacks != null) {
            callbacks.stop(0);
        }
    }

    @BeforeEach
    void freshPerson() {
        browser.manage().deleteAllCookies();
        person = ItStore.get().newPerson("Consent Tester", "tester@example.test");
        ItStore.get()
                .persons
                .setPasswordHash(person.id(), new PasswordHashes().hash(PASSWORD.toCharArray()));
    }

    // ------------------------------------------------------------------ the agent, over HTTP

    static String inventoryToken(StandInIssuers.Agent a) {
        return challenge(get(SUPPLY + "/api/inventory").sign(a.key(), jwt(a)).send());
    }

    /** {@code POST /api/optimize} asks for two scopes: supply-chain:check and supply-chain:read. */
    static String optimizeToken(StandInIssuers.Agent a) {
        String json = "{}";
        return challenge(
                post(SUPPLY + "/api/optimize")
                        .body(json)
                        .header(
                                "content-digest",
                                ContentDigest.create(json.getBytes(StandardCharsets.UTF_8)))
                        .sign(a.key(), jwt(a), "content-digest")
                        .send());
    }

    static Deferred deferInventory(String local) throws Exception {
        StandInIssuers.Agent a =
                provider.agent(local + "-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        return Deferred.request(
                a,
                inventoryToken(a),
                Map.of(
                        "justification",
                        "I check **stock levels** before the weekly order.",
                        "platform",
                        "linux",
                        "device",
                        "build server 7"));
    }

    /** Polls until the {@code 202} carries {@code requirement=clarification}. */
    static HttpResponse<String> pollUntilClarification(Deferred d) throws InterruptedException {
        HttpResponse<String> r =
                d.pollUntil(
                        PERSON,
                        p ->
                                p.statusCode() != 202
                                        || p.headers()
                                                .firstValue(AAuthRequirement.NAME)
                                                .orElse("")
                                                .contains("clarification"));
        assertEquals(202, r.statusCode(), r.body());
        return r;
    }

    static RequestStatus status(Deferred d) {
        return ItStore.get().request(d.location()).status();
    }

    // ------------------------------------------------------------------ the person, in the browser

    void openCode(Deferred d, String extraQuery) {
        browser.openPage(
                PERSON + "/interaction?code=" + d.code() + extraQuery, person.username(), PASSWORD);
    }

    String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    void assertNothingExecuted() {
        assertThrows(
                NoAlertPresentException.class,
                () -> browser.driver.switchTo().alert(),
                "an alert opened");
        JavascriptExecutor js = browser.driver;
        assertEquals(
                Boolean.TRUE,
                js.executeScript("return typeof window.__xss === 'undefined'"),
                "injected script ran");
        assertTrue(
                browser.driver.findElements(By.id("xss")).isEmpty(), "an injected element exists");
        for (String tag : List.of("img", "iframe", "svg", "style", "object", "embed", "details")) {
            assertTrue(
                    browser.driver.findElements(By.tagName(tag)).isEmpty(),
                    "injected <" + tag + ">");
        }
        List<WebElement> scripts = browser.driver.findElements(By.tagName("script"));
        assertEquals(1, scripts.size(), "only the page's own script");
        assertEquals(PERSON + "/assets/consent.js", scripts.get(0).getAttribute("src"));
        for (WebElement a : browser.driver.findElements(By.tagName("a"))) {
            String href = a.getAttribute("href");
            assertTrue(
                    href == null || href.startsWith("http://") || href.startsWith("https://"),
                    "link " + href);
        }
        assertEquals(
                1,
                browser.driver.findElements(By.cssSelector("form#decide")).size(),
                "no injected form");
        assertFalse(
                browser.driver.getPageSource().contains("\u202E"),
                "a bidi override reached the page");
    }

    // ------------------------------------------------------------------ tests

    @Test
    @DisplayName(
            "sign in, open the code, see verified facts apart from the agent's claims, approve: the agent's poll gets its token, which the resource accepts")
    void signInOpenApproveAndTheAgentGetsItsToken() throws Exception {
        Deferred d = deferInventory("travel");
        openCode(d, "");
        assertTrue(
                browser.driver.getCurrentUrl().contains("/interaction?request="),
                "the code left the URL");
        assertEquals(
                RequestStatus.INTERACTING,
                status(d),
                "opening the code turns the request interacting");
        assertEquals(
                person.id(),
                ItStore.get().request(d.location()).personId().orElseThrow(),
                "bound to the person");

        assertTrue(text("ask").contains("Acme Travel Assistant"), text("ask"));
        assertTrue(text("ask").contains("Supply Chain Agent"), text("ask"));
        assertEquals(d.agent().id(), text("agent-id"));
        assertTrue(text("provider").contains("Acme Travel Assistant"));
        assertTrue(text("new-agent").contains("New to you"));
        assertTrue(text("verified-title").contains("Checked by your Person Server"));
        assertTrue(
                text("claims-title")
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("stated by the agent"),
                text("claims-title"));
        assertEquals(
                "stock levels",
                browser.driver.findElement(By.cssSelector("#justification strong")).getText());
        assertEquals("linux", text("platform"));
        assertEquals("build server 7", text("device"));
        assertTrue(
                browser.driver.findElement(By.id("decide")).getText().contains("Read supply chain"),
                "the scope's description from the resource metadata");
        assertTrue(
                browser.driver
                        .findElement(By.cssSelector("label[for='decide:remember']"))
                        .isDisplayed(),
                "labelled");
        browser.screenshot("consent-screen");

        browser.click("decide:approve");
        assertTrue(
                browser.driver.getCurrentUrl().startsWith(PERSON + "/done"),
                browser.driver.getCurrentUrl());
        assertEquals(
                "approved", browser.driver.findElement(By.id("done")).getAttribute("data-outcome"));

        String authToken = granted(d.pollUntilAnswered());
        AuthToken t =
                TokenRequests.verifier()
                        .verifyAuthTokenResponse(
                                authToken,
                                PERSON,
                                SUPPLY,
                                d.agent().key().publicJwk(),
                                d.agent().id());
        assertEquals(List.of("supply-chain:read"), t.scope());
        assertNotNull(t.subject(), "the person's pairwise sub");
        HttpResponse<String> api =
                get(SUPPLY + "/api/inventory")
                        .sign(d.agent().key(), new SignatureKey.Jwt(authToken))
                        .send();
        assertEquals(200, api.statusCode(), api.body());
    }

    @Test
    @DisplayName(
            "The code parameter is single-use: a reused code and an unknown code get a clear page, never a stack trace")
    void theCodeIsSingleUse() throws Exception {
        Deferred d = deferInventory("reuse");
        openCode(d, "");
        assertEquals(RequestStatus.INTERACTING, status(d));
        openCode(d, "");
        assertEquals("This code was already used", text("problem"));
        browser.driver.get(PERSON + "/interaction?code=ZZZZ-ZZZZ");
        assertEquals("This code is not known", text("problem"));
        browser.driver.get(PERSON + "/interaction?code=%3Cscript%3E");
        assertEquals("This code is not known", text("problem"));
        assertFalse(browser.driver.getPageSource().contains("Exception"), "no stack trace");
    }

    @Test
    @DisplayName("a plain visit lets the person type the code shown on another device")
    void aPlainVisitLetsThePersonTypeTheCode() throws Exception {
        Deferred d = deferInventory("typed");
        browser.driver.get(PERSON + "/interaction");
        browser.signInIfAsked(person.username(), PASSWORD);
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("enter:code")));
        browser.driver
                .findElement(By.id("enter:code"))
                .sendKeys(d.code().toLowerCase(java.util.Locale.ROOT).replace("-", " "));
        browser.click("enter:open");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("consent")));
        assertEquals(RequestStatus.INTERACTING, status(d));
    }

    @Test
    @DisplayName("deny: the agent's poll gets 403 denied, recorded with the person")
    void denyEndsWithDenied() throws Exception {
        Deferred d = deferInventory("deny");
        openCode(d, "");
        browser.click("decide:deny");
        assertEquals(
                "denied", browser.driver.findElement(By.id("done")).getAttribute("data-outcome"));
        assertTokenError(d.pollUntilAnswered(), 403, "denied");
    }

    @Test
    @DisplayName("narrowing: approving one of two scopes gives a token with that scope only")
    void narrowingScopesLimitsTheToken() throws Exception {
        StandInIssuers.Agent a =
                provider.agent("narrow-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        Deferred d = Deferred.request(a, optimizeToken(a), Map.of());
        openCode(d, "");
        WebElement check =
                browser.driver.findElement(By.cssSelector("input[value='supply-chain:check']"));
        assertTrue(check.isSelected(), "every requested scope is ticked at first");
        check.click();
        browser.click("decide:approve");
        String authToken = granted(d.pollUntilAnswered());
        AuthToken t =
                TokenRequests.verifier()
                        .verifyAuthTokenResponse(
                                authToken, PERSON, SUPPLY, a.key().publicJwk(), a.id());
        assertEquals(List.of("supply-chain:read"), t.scope());
        // the remembered consent covers only what was approved: the same two scopes ask again
        Deferred.request(a, optimizeToken(a), Map.of());
    }

    @Test
    @DisplayName(
            "after the decision the browser goes to the agent's callback when it matches callback_endpoint, else to the completion page")
    void callbackOnlyWhenItMatchesTheMetadata() throws Exception {
        Deferred d = deferInventory("cb");
        String callback = callbackEndpoint + "?state=" + UUID.randomUUID();
        openCode(d, "&callback=" + java.net.URLEncoder.encode(callback, StandardCharsets.UTF_8));
        browser.driver.findElement(By.id("decide:deny")).click();
        browser.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.id("agent-callback")));
        assertEquals(callback, browser.driver.getCurrentUrl());

        Deferred other = deferInventory("cb-evil");
        openCode(
                other,
                "&callback="
                        + java.net.URLEncoder.encode(
                                "https://evil.example/steal", StandardCharsets.UTF_8));
        browser.click("decide:deny");
        assertTrue(
                browser.driver.getCurrentUrl().startsWith(PERSON + "/done"),
                browser.driver.getCurrentUrl());
    }

    @Test
    @DisplayName(
            "clarification round trip: the person asks, the agent polls the question and answers, the answer appears without a reload and stays inert")
    void clarificationRoundTrip() throws Exception {
        Deferred d = deferInventory("clarify");
        openCode(d, "");
        browser.driver
                .findElement(By.id("askForm:question"))
                .sendKeys("Why do you need this every week?");
        browser.click("askForm:askButton");
        assertEquals("Why do you need this every week?", text("question"));
        assertTrue(browser.driver.findElement(By.id("waiting")).isDisplayed());

        HttpResponse<String> asked = pollUntilClarification(d);
        assertEquals(
                "Why do you need this every week?",
                JsonUtil.parseJson(asked.body()).get("clarification"));
        WebElement page = browser.driver.findElement(By.tagName("html"));
        String answer =
                "Because <img src=x onerror=\"window.__xss=1;alert(1)\" id=xss> orders go out on Mondays.";
        HttpResponse<String> posted =
                new ItRequests.Req("POST", d.location())
                        .body(JsonUtil.toJson(Map.of("clarification_response", answer)))
                        .sign(d.agent().key(), jwt(d.agent()))
                        .send();
        assertTrue(posted.statusCode() / 100 == 2, posted.statusCode() + " " + posted.body());

        browser.waiting()
                .until(drv -> drv.findElement(By.id("answer")).getText().contains("Mondays"));
        assertEquals(answer, text("answer"), "shown as text");
        assertFalse(browser.driver.findElement(By.id("waiting")).isDisplayed());
        assertFalse(ConsentBrowser.isStale(page), "the page was not reloaded");
        assertNothingExecuted();
        browser.click("decide:approve");
        assertEquals(200, d.pollUntilAnswered().statusCode());
    }

    @Test
    @DisplayName(
            "XSS corpus in every agent-supplied field (justification, provider and resource client_name, scope descriptions, platform, device) stays inert")
    void xssCorpusStaysInert() throws Exception {
        for (String attack : XssCorpus.ENTRIES) {
            StandInIssuers.AgentProvider hostile =
                    StandInIssuers.agentProvider(Map.of("client_name", attack));
            StandInResource resource =
                    StandInResource.withMetadata(
                            Map.of(
                                    "client_name",
                                    attack,
                                    "scope_descriptions",
                                    Map.of("x:read", attack)));
            StandInIssuers.Agent a = hostile.agent("xss", PERSON);
            String rt =
                    resource.tokens
                            .resourceToken(
                                    PERSON,
                                    a.id(),
                                    a.key().publicJwk().thumbprint(),
                                    List.of("x:read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            String device =
                    attack.length() <= 64
                                    && attack.codePoints()
                                            .noneMatch(
                                                    c -> Character.getType(c) == Character.FORMAT)
                            ? attack
                            : "<b onmouseover=alert(1) id=xss>";
            Deferred d =
                    Deferred.request(
                            a,
                            rt,
                            Map.of(
                                    "justification",
                                    String.join("\n\n", XssCorpus.ENTRIES) + "\n\n" + attack,
                                    "platform",
                                    attack,
                                    "device",
                                    device));
            if (browser.driver.manage().getCookieNamed("JSESSIONID") == null) {
                openCode(d, "");
            } else {
                browser.driver.get(PERSON + "/interaction?code=" + d.code());
                browser.waiting()
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("consent")));
            }
            assertTrue(
                    text("provider")
                            .contains(attack.strip().split("\\s")[0].replace("\u202E", "\uFFFD")),
                    "the hostile name is shown as text: " + text("provider"));
            assertNothingExecuted();
            if (attack.startsWith("<script")) {
                browser.screenshot("consent-screen-xss");
            }
        }
    }

    @Test
    @DisplayName(
            "revoking a consent on the account page stops direct grants at once (the next request asks the person"
                    + " again) and revokes the outstanding auth tokens at the resource (401)")
    void revocationFromTheAccountPageTakesEffect() throws Exception {
        Deferred d = deferInventory("revoke");
        openCode(d, "");
        assertTrue(
                browser.driver.findElement(By.id("decide:remember")).isSelected(),
                "remember is the default");
        browser.click("decide:approve");
        String outstanding = granted(d.pollUntilAnswered());
        assertEquals(
                200,
                get(SUPPLY + "/api/inventory")
                        .sign(d.agent().key(), new SignatureKey.Jwt(outstanding))
                        .send()
                        .statusCode(),
                "the token works before the revocation");
        // remembered: the next request of the agent for the same scope is a direct grant
        String again =
                granted(
                        tokenRequest(
                                d.agent().key(),
                                jwt(d.agent()),
                                JsonUtil.toJson(
                                        Map.of("resource_token", inventoryToken(d.agent())))));
        assertNotNull(again);

        browser.driver.get(PERSON + "/account");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("consents")));
        assertTrue(text("agents").contains(d.agent().id()), "connected agent listed");
        assertTrue(text("agents").contains("Acme Travel Assistant"), "with its provider's name");
        assertTrue(text("recent").contains("approved"), text("recent"));
        assertEquals(
                1, browser.driver.findElements(By.cssSelector("#consents .consent-row")).size());
        browser.screenshot("account");
        WebElement revoke = browser.driver.findElement(By.cssSelector("#consents .revoke"));
        WebElement html = browser.driver.findElement(By.tagName("html"));
        revoke.click();
        browser.waiting().until(driver -> ConsentBrowser.isStale(html));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("no-consents")));

        HttpResponse<String> after =
                tokenRequest(
                        d.agent().key(),
                        jwt(d.agent()),
                        JsonUtil.toJson(Map.of("resource_token", inventoryToken(d.agent()))));
        pending(after);

        // "Revoking stops new tokens at once and revokes outstanding ones at the resources": the PS
        // calls the resource's revocation_endpoint in the background; wait for it with a bounded
        // deadline.
        Instant deadline = Instant.now().plusSeconds(30);
        int status;
        do {
            status =
                    get(SUPPLY + "/api/inventory")
                            .sign(d.agent().key(), new SignatureKey.Jwt(outstanding))
                            .send()
                            .statusCode();
        } while (status == 200 && Instant.now().isBefore(deadline) && pause());
        assertEquals(
                401,
                status,
                "the outstanding auth token is refused at the resource after the revocation");
    }

    /** A short pause between the bounded checks of the revocation above; always true. */
    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    @Test
    @DisplayName(
            "CSRF: a form post without a valid view state (400) or from a foreign Origin (403) changes nothing")
    void forgedPostsAreRefused() throws Exception {
        Deferred d = deferInventory("csrf");
        openCode(d, "");
        String action = browser.driver.findElement(By.id("decide")).getAttribute("action");
        String viewState =
                browser.driver
                        .findElement(By.name("jakarta.faces.ViewState"))
                        .getAttribute("value");
        Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
        String base =
                "decide=decide&decide%3Ascopes=supply-chain%3Aread&decide%3Aremember=true&decide%3Aapprove=Approve";

        HttpResponse<String> noViewState =
                form(action, session, base + "&jakarta.faces.ViewState=forged-1234", PERSON);
        assertEquals(400, noViewState.statusCode());
        assertTrue(noViewState.body().contains("This form is no longer valid"), noViewState.body());
        assertFalse(noViewState.body().contains("at org."), "no stack trace");
        assertEquals(400, form(action, session, base, PERSON).statusCode(), "no view state");
        assertEquals(
                400,
                form(
                                action,
                                session,
                                base + "&jakarta.faces.ViewState=Zm9yZ2VkLXZpZXctc3RhdGU=",
                                PERSON)
                        .statusCode(),
                "a well-formed view state that was never issued");
        String valid =
                base
                        + "&jakarta.faces.ViewState="
                        + java.net.URLEncoder.encode(viewState, StandardCharsets.UTF_8);
        assertEquals(403, form(action, session, valid, "https://evil.example").statusCode());
        assertEquals(
                403, form(action, session, valid, null).statusCode(), "neither Origin nor Referer");
        assertEquals(403, form(action, session, valid, "null").statusCode(), "an opaque origin");
        assertEquals(RequestStatus.INTERACTING, status(d), "nothing was decided");

        browser.click("decide:approve");
        assertEquals(RequestStatus.APPROVED, status(d), "the page's own form still works");
    }

    static HttpResponse<String> form(String action, Cookie session, String body, String origin)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(action))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", session.getName() + "=" + session.getValue())
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("DEVELOPMENT mode creates alice with password alice")
    void developmentPersonAlice() {
        browser.driver.get(PERSON + "/account");
        browser.signInIfAsked("alice", "alice");
        assertTrue(
                browser.driver.getCurrentUrl().startsWith(PERSON + "/account"),
                browser.driver.getCurrentUrl());
        assertTrue(browser.driver.findElement(By.cssSelector(".who")).getText().contains("alice"));
        assertTrue(
                Set.of("alice")
                        .contains(
                                browser.driver
                                        .findElement(By.cssSelector(".who"))
                                        .getText()
                                        .strip()));
    }
}
