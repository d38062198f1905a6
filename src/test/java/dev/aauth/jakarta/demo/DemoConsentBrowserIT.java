package dev.aauth.jakarta.demo;

import static dev.aauth.jakarta.it.Origins.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.consent.ConsentBrowser;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Seed 004 with a real browser ({@link ConsentBrowser}: Debian's chromium and chromedriver,
 * headless): the person clicks "Place orders" on the demo page, opens the interaction link it
 * shows, signs in as alice (the demo person owning the backend agent) and approves or denies at the
 * Person Server; the demo page, still open in the first tab, shows the outcome. The agent's side is
 * the real backend agent over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoConsentBrowserIT {

    /** The agent polls every Retry-After (5 s): the outcome shows within a few polls. */
    static final Duration OUTCOME = Duration.ofSeconds(45);

    ConsentBrowser browser;
    WebDriver driver;

    /**
     * The consent branch's browser set-up: Debian's chromium and chromedriver, headless, fresh
     * profile.
     */
    @BeforeAll
    void startBrowser() {
        browser = new ConsentBrowser();
        driver = browser.driver;
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    WebDriverWait waitFor(Duration d) {
        return new WebDriverWait(driver, d);
    }

    /** Starts "Place orders" on the demo page; returns the interaction link it shows. */
    String placeOrders() {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(PERSON + "/demo");
        driver.findElement(By.id("orders")).click();
        WebElement link =
                waitFor(Duration.ofSeconds(30))
                        .until(
                                ExpectedConditions.visibilityOfElementLocated(
                                        By.id("interaction-link")));
        String href = link.getAttribute("href");
        assertTrue(href.startsWith(PERSON + "/interaction?code="), href);
        assertTrue(
                href.contains(
                        "&callback="
                                + URLEncoder.encode(
                                        PERSON + "/demo?flow=", StandardCharsets.UTF_8)),
                "\"When the agent has a browser, it MAY append a callback parameter\": " + href);
        String qr = driver.findElement(By.id("interaction-qr")).getAttribute("src");
        assertTrue(qr.startsWith(PERSON + "/demo/api/flows/") && qr.endsWith("/qr.svg"), qr);
        return href;
    }

    /**
     * Opens the link in another tab as the person, signs in as alice if asked, and clicks {@code
     * button}.
     */
    void decide(String href, String button) {
        String demoTab = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(href);
        browser.signInIfAsked("alice", "alice");
        WebElement decide;
        try {
            decide =
                    waitFor(Duration.ofSeconds(30))
                            .until(
                                    ExpectedConditions.elementToBeClickable(
                                            By.id("decide:" + button)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "no "
                            + button
                            + " button at "
                            + driver.getCurrentUrl()
                            + ": "
                            + driver.findElement(By.tagName("body")).getText(),
                    e);
        }
        assertTrue(
                driver.findElement(By.id("agent-id")).getText().startsWith("aauth:backend@"),
                "the page names the agent");
        String why = driver.findElement(By.id("justification")).getText();
        assertTrue(
                why.contains("Keep the laptop supply on target"),
                "\"The PS SHOULD present this value to the user during consent\": " + why);
        browser.screenshot("demo-consent-" + button);
        decide.click();
        returnedToTheDemoPage();
        driver.close();
        driver.switchTo().window(demoTab);
    }

    /**
     * Seed 004's redirect step: after the decision the Person Server sends the browser to the
     * agent's callback, the demo page with {@code ?flow=<id>}, which follows that flow to its
     * outcome.
     */
    void returnedToTheDemoPage() {
        waitFor(Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().startsWith(PERSON + "/demo?flow="));
        assertTrue(driver.findElement(By.id("returned")).isDisplayed());
        String status = outcome();
        assertTrue(status.startsWith("done") || status.startsWith("failed"), status);
    }

    /** The demo page's status once the flow has ended. */
    String outcome() {
        waitFor(OUTCOME)
                .until(
                        d -> {
                            String s = d.findElement(By.id("status")).getText();
                            return s.startsWith("done") || s.startsWith("failed");
                        });
        return driver.findElement(By.id("status")).getText();
    }

    @Test
    @DisplayName(
            "consent approved in the browser: the next poll brings the auth token, the agent places the order (201)")
    @SuppressWarnings("unchecked")
    void consentApproved() throws Exception {
        String href = placeOrders();
        decide(href, "approve");
        String status = outcome();
        assertTrue(status.startsWith("done"), status);
        Map<String, Object> order =
                JsonUtil.parseJson(driver.findElement(By.id("result")).getText());
        assertEquals("placed", order.get("status"));
        assertEquals("LAP-XPS-13", order.get("sku"));
        assertTrue(((String) order.get("placedBy")).startsWith("aauth:backend@"));
        List<WebElement> steps = driver.findElements(By.cssSelector("#steps > li"));
        String all = steps.stream().map(WebElement::getText).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(all.contains("/aauth/token → 202"), "the deferred token request is shown");
        assertTrue(all.contains("decoded auth token"), "the auth token is shown as a claim table");
        assertTrue(all.contains("/api/orders → 201"), "the retried order is placed");
    }

    @Test
    @DisplayName(
            "consent denied in the browser: the agent surfaces denied, no order, nothing retried")
    void consentDenied() {
        String href = placeOrders();
        decide(href, "deny");
        String status = outcome();
        assertTrue(status.startsWith("failed"), status);
        String result = driver.findElement(By.id("result")).getText();
        assertTrue(result.startsWith("denied"), result);
        String all =
                driver.findElements(By.cssSelector("#steps > li")).stream()
                        .map(WebElement::getText)
                        .reduce("", (a, b) -> a + "\n" + b);
        assertTrue(
                !all.contains("/api/orders → 201")
                        && all.indexOf("/api/orders → 401") == all.lastIndexOf("/api/orders → 401"),
                "one challenged order request, no retry: " + all);
    }

    @Test
    @DisplayName(
            "clarification: the person asks in the consent page, the backend agent's handler answers through the PS, the answer shows, then approval completes the order")
    void clarificationAnsweredByTheAgent() throws Exception {
        String href = placeOrders();
        String demoTab = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(href);
        browser.signInIfAsked("alice", "alice");
        waitFor(Duration.ofSeconds(30))
                .until(ExpectedConditions.elementToBeClickable(By.id("askForm:question")));
        driver.findElement(By.id("askForm:question")).sendKeys("Why 70 laptops?");
        browser.click("askForm:askButton");
        // the agent polls (Retry-After), gets requirement=clarification, POSTs its handler's answer
        waitFor(OUTCOME)
                .until(d -> d.findElement(By.id("answer")).getText().contains("70 x Dell XPS 13"));
        browser.screenshot("demo-consent-clarification");
        driver.findElement(By.id("decide:approve")).click();
        returnedToTheDemoPage();
        driver.close();
        driver.switchTo().window(demoTab);
        String status = outcome();
        assertTrue(status.startsWith("done"), status);
        Map<String, Object> order =
                JsonUtil.parseJson(driver.findElement(By.id("result")).getText());
        assertEquals("placed", order.get("status"));
    }

    @Test
    @DisplayName(
            "issue 13, the demo page in draft -11: the person picks -11 and clicks Optimize; the page shows the person-token challenge and the decoded person token, -11 resource token (ps, sub, presented_jti) and auth token, then 200")
    void draft11OptimizeShowsTheDecodedTokens() {
        // -11 "the PS issues for the person bound to the requesting agent": alice owns the backend
        // agent on `mvn liberty:run` (here her first approval binds it; bound now if not yet)
        if (ItStore.get().bindings.find(DemoIT.BACKEND).isEmpty()) {
            Person alice = ItStore.get().persons.findByUsername("alice").orElseThrow();
            ItStore.get().bindings.bind(DemoIT.BACKEND, alice.id(), BoundBy.ADMIN);
        }
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(PERSON + "/demo");
        new Select(driver.findElement(By.id("draft"))).selectByValue("11");
        driver.findElement(By.id("optimize")).click();
        String status = outcome();
        assertTrue(status.startsWith("done") && status.endsWith("(draft-11)"), status);
        String all =
                driver.findElements(By.cssSelector("#steps > li")).stream()
                        .map(WebElement::getText)
                        .reduce("", (a, b) -> a + "\n" + b);
        for (String shown :
                List.of(
                        "requirement=person-token",
                        "decoded person token",
                        "/aauth/person-token",
                        "requirement=auth-token",
                        "decoded resource token",
                        "presented_jti",
                        "/aauth/auth-token",
                        "decoded auth token",
                        "/api/optimize → 200")) {
            assertTrue(all.contains(shown), shown + " is shown: " + all);
        }
        browser.screenshot("demo-draft11-optimize");
    }
}
