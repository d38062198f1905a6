package dev.aauth.jakarta.it;

import static dev.aauth.jakarta.it.Deferred.jwt;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.TokenRequests.challenge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.login.PasswordHashes;
import dev.aauth.jakarta.store.Person;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The person's side over plain HTTP, as a browser without script does it: a person of the test's
 * own (password set in the store), signed in through the Faces sign-in page ({@link #login}),
 * opening an interaction code ({@code /interaction?code=}, which redeems it and redirects to {@code
 * /interaction?request=<id>}) and posting the consent form's Approve or Deny button with the form's
 * own fields and view state.
 */
public final class PersonOverHttp {

    public static final String PASSWORD = "correct horse battery staple";

    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z:_-]+)=\"([^\"]*)\"");

    private PersonOverHttp() {}

    /** A browser session of its own: HTTP/1.1, cookies kept, redirects not followed. */
    public static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A plain {@code GET} in session {@code c}. */
    public static HttpResponse<String> get(HttpClient c, String url) throws Exception {
        return c.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Signs in on the Faces sign-in page in session {@code c} (the form's own view state, {@code
     * Origin} of the person origin); returns the answer ({@code 302} when it worked).
     */
    public static HttpResponse<String> login(HttpClient c, String username, String password)
            throws Exception {
        String page = get(c, PERSON + "/login").body();
        Matcher m =
                Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                        .matcher(page);
        assertTrue(m.find(), page);
        String body =
                "login=login&login%3Asignin=Sign+in&login_SUBMIT=1&login%3Ausername="
                        + enc(username)
                        + "&login%3Apassword="
                        + enc(password)
                        + "&jakarta.faces.ViewState="
                        + enc(m.group(1));
        return c.send(
                HttpRequest.newBuilder(URI.create(PERSON + "/login"))
                        .header("Origin", PERSON)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code s} form-encoded. */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A fresh person with a password, so tests do not see each other's consents. */
    public static Person newPerson(String name) {
        Person p = ItStore.get().newPerson(name, "reliab-" + UUID.randomUUID() + "@example.test");
        ItStore.get()
                .persons
                .setPasswordHash(p.id(), new PasswordHashes().hash(PASSWORD.toCharArray()));
        return p;
    }

    /** A new browser session (cookies, no redirects followed) signed in as {@code p}. */
    public static HttpClient signedIn(Person p) throws Exception {
        HttpClient c = client();
        HttpResponse<String> r = login(c, p.username(), PASSWORD);
        assertEquals(302, r.statusCode(), "sign-in: " + r.body());
        return c;
    }

    /**
     * Opens {@code code} in {@code c}: {@code 302} to {@code /interaction?request=<id>}; returns
     * that path.
     */
    public static String open(HttpClient c, String code) throws Exception {
        HttpResponse<String> r =
                get(c, PERSON + "/interaction?code=" + URLEncoder.encode(code, UTF8()));
        assertEquals(302, r.statusCode(), "opening the code: " + r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("/interaction?request="), location);
        return location.startsWith("http") ? location.substring(PERSON.length()) : location;
    }

    /** The consent screen's decide form in session {@code c}, ready to be posted. */
    public record ConsentForm(HttpClient client, String action, List<String[]> fields) {

        /** Posts with the {@code decide:approve} or {@code decide:deny} button. */
        public HttpResponse<String> post(String button) throws Exception {
            StringBuilder body = new StringBuilder();
            for (String[] f : fields) {
                append(body, f[0], f[1]);
            }
            append(body, "decide:" + button, button.equals("approve") ? "Approve" : "Deny");
            return client.send(
                    HttpRequest.newBuilder(URI.create(action))
                            .header("Origin", PERSON)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private static void append(StringBuilder b, String name, String value) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(name, UTF8()))
                    .append('=')
                    .append(URLEncoder.encode(value, UTF8()));
        }
    }

    /**
     * Loads {@code path} ({@code /interaction?request=<id>}) in {@code c} and reads the decide
     * form: hidden fields, checked checkboxes (every scope shown is checked), no button.
     */
    public static ConsentForm consentForm(HttpClient c, String path) throws Exception {
        HttpResponse<String> r = get(c, PERSON + path);
        assertEquals(200, r.statusCode(), r.body());
        String page = r.body();
        int start = page.indexOf("<form id=\"decide\"");
        assertTrue(start >= 0, "no consent form: " + page);
        int end = page.indexOf("</form>", start);
        String form = page.substring(start, end);
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(form);
        assertTrue(action.find(), form);
        List<String[]> fields = new ArrayList<>();
        Matcher m = INPUT.matcher(form);
        while (m.find()) {
            Map<String, String> a = attributes(m.group(1));
            String type = a.getOrDefault("type", "text");
            String name = a.get("name");
            if (name == null || type.equals("submit")) {
                continue;
            }
            if (type.equals("checkbox") && !a.containsKey("checked")) {
                continue;
            }
            fields.add(new String[] {name, a.getOrDefault("value", "on")});
        }
        // the view state may be rendered after the form's own inputs, inside it: found above
        String actionUrl = action.group(1).replace("&amp;", "&");
        return new ConsentForm(
                c, actionUrl.startsWith("http") ? actionUrl : PERSON + actionUrl, fields);
    }

    private static Map<String, String> attributes(String s) {
        Map<String, String> a = new java.util.HashMap<>();
        Matcher m = ATTR.matcher(s);
        while (m.find()) {
            a.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        if (s.matches("(?s).*\\schecked(\\s|/|$).*")) {
            a.putIfAbsent("checked", "checked");
        }
        return a;
    }

    /** A deferred inventory request of a new stand-in agent whose Person Server is the real one. */
    public static Deferred deferInventory(StandInIssuers.AgentProvider provider) throws Exception {
        StandInIssuers.Agent a =
                provider.agent("reliab-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        return deferInventory(a);
    }

    public static Deferred deferInventory(StandInIssuers.Agent a) throws Exception {
        String rt =
                challenge(ItRequests.get(SUPPLY + "/api/inventory").sign(a.key(), jwt(a)).send());
        return Deferred.request(a, rt, Map.of());
    }

    private static java.nio.charset.Charset UTF8() {
        return StandardCharsets.UTF_8;
    }
}
