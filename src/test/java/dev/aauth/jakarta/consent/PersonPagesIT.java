package dev.aauth.jakarta.consent;

import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.PersonOverHttp.client;
import static dev.aauth.jakarta.it.PersonOverHttp.get;
import static dev.aauth.jakarta.it.PersonOverHttp.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The person pages over plain HTTP: where they exist, their headers, sign-in and its rate limit.
 * {@link #client}, {@link #get} and {@link #login} are shared with other packages' ITs (the
 * reliability suite signs in over plain HTTP too).
 */
public class PersonPagesIT {

    @Test
    @DisplayName(
            "the person pages exist only on the person-server origin: 404 on the resources' origins")
    void pagesOnlyOnThePersonServerOrigin() throws Exception {
        HttpClient c = client();
        for (String origin : new String[] {SUPPLY, MARKET}) {
            for (String path :
                    new String[] {
                        "/login",
                        "/interaction",
                        "/interaction?code=ABCD-EFGH",
                        "/account",
                        "/done",
                        "/assets/consent.css",
                        "/interaction/status",
                        "/login.xhtml",
                        "/interaction.xhtml"
                    }) {
                assertEquals(404, get(c, origin + path).statusCode(), origin + path);
            }
        }
        assertEquals(200, get(c, PERSON + "/login").statusCode());
        assertEquals(200, get(c, PERSON + "/assets/consent.css").statusCode());
        assertEquals(
                404,
                get(c, PERSON + "/login.xhtml").statusCode(),
                "facelets sources are not served");
        assertEquals(404, get(c, PERSON + "/assets/../WEB-INF/web.xml").statusCode());
    }

    @Test
    @DisplayName(
            "Content-Security-Policy without inline script and with frame-ancestors 'none'; X-Frame-Options DENY; SameSite HttpOnly session cookie")
    void securityHeaders() throws Exception {
        HttpResponse<String> r = get(client(), PERSON + "/login");
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        String cookie =
                r.headers().allValues("Set-Cookie").stream()
                        .filter(v -> v.startsWith("JSESSIONID="))
                        .findFirst()
                        .orElse("");
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertFalse(r.body().contains("<script>"), "no inline script");
        assertFalse(
                Pattern.compile("\\son[a-z]+=").matcher(r.body()).find(),
                "no inline event handler");
    }

    @Test
    @DisplayName(
            "pages need a signed-in person: /account redirects to /login, the status endpoint is 401")
    void signInRequired() throws Exception {
        HttpClient c =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        HttpResponse<String> r = get(c, PERSON + "/account");
        assertEquals(302, r.statusCode());
        assertEquals(PERSON + "/login", r.headers().firstValue("Location").orElse(""));
        assertEquals(401, get(c, PERSON + "/interaction/status?request=x").statusCode());
    }

    @Test
    @DisplayName(
            "failed sign-ins are rate-limited per username: after 5 failures even the right password is refused")
    void failedAttemptsAreRateLimited() throws Exception {
        HttpClient c = client();
        String username = "throttle-" + UUID.randomUUID();
        dev.aauth.jakarta.store.Person p =
                dev.aauth.jakarta.ItStore.get().persons.create(username, null, null).orElseThrow();
        dev.aauth.jakarta.ItStore.get()
                .persons
                .setPasswordHash(
                        p.id(),
                        new dev.aauth.jakarta.login.PasswordHashes().hash("right".toCharArray()));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = login(c, username, "wrong-" + i);
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("The username or password is not right."), r.body());
        }
        HttpResponse<String> blocked = login(c, username, "right");
        assertTrue(blocked.body().contains("Too many failed attempts"), blocked.body());
    }

    @Test
    @DisplayName("signing in changes the session id (session fixation)")
    void signingInChangesTheSessionId() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient c =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .cookieHandler(cookies)
                        .build();
        get(c, PERSON + "/login");
        String before =
                cookies.getCookieStore().getCookies().stream()
                        .filter(k -> k.getName().equals("JSESSIONID"))
                        .findFirst()
                        .orElseThrow()
                        .getValue();
        HttpResponse<String> r = login(c, "alice", "alice");
        assertEquals(302, r.statusCode(), r.body());
        String after =
                cookies.getCookieStore().getCookies().stream()
                        .filter(k -> k.getName().equals("JSESSIONID"))
                        .findFirst()
                        .orElseThrow()
                        .getValue();
        assertFalse(before.equals(after), "the session id changed");
        assertEquals(200, get(c, PERSON + "/account").statusCode());
    }

    @Test
    @DisplayName(
            "form fields are decoded as UTF-8 on every server (web.xml request-character-encoding): élise signs in")
    void formFieldsAreUtf8() throws Exception {
        String username = "élise-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "mot de passe à Noël";
        dev.aauth.jakarta.store.Person p =
                dev.aauth.jakarta.ItStore.get()
                        .persons
                        .create(username, "Élise", null)
                        .orElseThrow();
        dev.aauth.jakarta.ItStore.get()
                .persons
                .setPasswordHash(
                        p.id(),
                        new dev.aauth.jakarta.login.PasswordHashes().hash(password.toCharArray()));
        HttpClient c = client();
        HttpResponse<String> r = login(c, username, password);
        assertEquals(302, r.statusCode(), "signed in: " + r.body());
        assertEquals(200, get(c, PERSON + "/account").statusCode());

        HttpResponse<String> latin1 =
                login(
                        client(),
                        new String(
                                username.getBytes(StandardCharsets.UTF_8),
                                StandardCharsets.ISO_8859_1),
                        password);
        assertEquals(200, latin1.statusCode(), "the mis-decoded name is someone else");
        assertTrue(latin1.body().contains("The username or password is not right."), latin1.body());
    }
}
