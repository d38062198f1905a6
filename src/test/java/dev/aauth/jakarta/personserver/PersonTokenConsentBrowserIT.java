package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.personserver.Draft11PersonServerIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.consent.ConsentBrowser;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.login.PasswordHashes;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Dwk;
import dev.aauth.token.PersonToken;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The -11 person token's first-issuance consent in a real browser (headless Chromium, as {@code
 * ConsentBrowserIT}) against the running IT server: a -11 stand-in agent asks the real {@code
 * person_token_endpoint} for a resource its person never let it act at, gets the deferred {@code
 * 202}; the person opens the code on the consent page, which asks "may this agent act at <resource>
 * as you?" ("the question put to the person is whether this agent may act at the resource as
 * them"), and approves with "Remember"; the agent's poll gets the person token; the next request is
 * issued at once; revoking the consent on the account page makes the next request ask again.
 */
class PersonTokenConsentBrowserIT {

    static final String PASSWORD = "correct horse battery staple";
    static final String RESOURCE_NAME = "Eleven Stand-in Resource";

    static ConsentBrowser browser;
    static Draft11StandIn ap;
    static Draft11StandIn rs;

    @BeforeAll
    static void start() {
        ap = Draft11StandIn.serve(Dwk.AGENT, Map.of("client_name", "Eleven Agents"));
        rs = Draft11StandIn.serve(Dwk.RESOURCE, Map.of("client_name", RESOURCE_NAME));
        browser = new ConsentBrowser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static HttpResponse<String> personToken(Draft11StandIn.Agent agent) {
        return PersonTokenConsentIT.personToken(agent, rs.issuer);
    }

    /** Polls as the draft says (every {@code Retry-After} seconds) until answered, at most 60 s. */
    static HttpResponse<String> pollUntilAnswered(
            Draft11StandIn.Agent agent, HttpResponse<String> deferred) throws InterruptedException {
        String location = deferred.headers().firstValue("Location").orElseThrow();
        long wait = Long.parseLong(deferred.headers().firstValue("Retry-After").orElse("5"));
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(wait * 1000);
            HttpResponse<String> r =
                    get(location)
                            .sign(agent.key(), new SignatureKey.Jwt(agent.agentToken()))
                            .send();
            if (r.statusCode() != 202 && r.statusCode() != 429) {
                return r;
            }
            wait = Long.parseLong(r.headers().firstValue("Retry-After").orElse("5"));
        }
        throw new AssertionError("no answer within 60 s");
    }

    String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    @Test
    @DisplayName(
            "-11 person token: the person approves \"act at <resource> as you\" on the consent page"
                    + " with Remember; the agent's poll gets the person token; the next request is"
                    + " issued at once; revoked on the account page, the next one asks again")
    void approveOnTheConsentPageThenRevoke() throws Exception {
        Person person = ItStore.get().newPerson("Petra Eleven", "petra11@example.test");
        ItStore.get()
                .persons
                .setPasswordHash(person.id(), new PasswordHashes().hash(PASSWORD.toCharArray()));
        Draft11StandIn.Agent agent =
                ap.agent("it11b-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        ItStore.get().bindings.bind(agent.id(), person.id(), BoundBy.ADMIN);

        HttpResponse<String> deferred = personToken(agent);
        TokenRequests.pending(deferred);
        String code = TokenRequests.interactionCode(deferred);

        browser.manage().deleteAllCookies();
        browser.openPage(PERSON + "/interaction?code=" + code, person.username(), PASSWORD);
        assertTrue(text("ask").contains("act at"), text("ask"));
        assertTrue(text("ask").contains(RESOURCE_NAME), "the resource's client_name");
        assertTrue(text("ask").contains("as you"), text("ask"));
        assertTrue(text("person-token").contains("act at " + RESOURCE_NAME + " as you?"));
        assertTrue(text("resource").contains(rs.issuer), text("resource"));
        assertTrue(
                browser.driver.findElement(By.id("decide:remember")).isSelected(),
                "remember is the default");
        browser.screenshot("person-token-consent");
        browser.click("decide:approve");
        assertTrue(
                browser.driver.getCurrentUrl().startsWith(PERSON + "/done"),
                browser.driver.getCurrentUrl());

        Map<String, Object> json = ok(pollUntilAnswered(agent, deferred));
        PersonToken pt =
                TokenRequests.verifier(AAuthProfile.DRAFT_11)
                        .verifyPersonToken((String) json.get("person_token"), rs.issuer);
        assertEquals(rs.issuer, pt.audience());

        // remembered: the next person token for that resource is issued at once
        ok(personToken(agent));

        browser.driver.get(PERSON + "/account");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("consents")));
        WebElement row = browser.driver.findElement(By.cssSelector("#consents .consent-row"));
        assertTrue(row.getText().contains("act here as you"), row.getText());
        assertTrue(row.getText().contains(RESOURCE_NAME), row.getText());
        browser.screenshot("person-token-account");
        WebElement html = browser.driver.findElement(By.tagName("html"));
        row.findElement(By.cssSelector(".revoke")).click();
        browser.waiting().until(driver -> ConsentBrowser.isStale(html));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("no-consents")));

        TokenRequests.pending(personToken(agent));
    }
}
