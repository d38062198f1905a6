package dev.aauth.jakarta.reliability;

import static dev.aauth.jakarta.consent.Deferred.jwt;
import static dev.aauth.jakarta.personserver.PersonServerIT.PERSON;
import static dev.aauth.jakarta.personserver.PersonServerIT.SUPPLY;
import static dev.aauth.jakarta.personserver.PersonServerIT.challenge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.consent.Deferred;
import dev.aauth.jakarta.consent.PersonPagesIT;
import dev.aauth.jakarta.login.PasswordHashes;
import dev.aauth.jakarta.store.Person;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The person's side over plain HTTP, as a browser without script does it: a person of the test's
 * own (password set in the store), signed in through the Faces sign-in page ({@link
 * PersonPagesIT#login}), opening an interaction code ({@code /interaction?code=}, which redeems it
 * and redirects to {@code /interaction?request=<id>}) and posting the consent form's Approve or
 * Deny button with the form's own fields and view state.
 */
final class PersonOverHttp {

    static final String PASSWORD = "correct horse battery staple";

    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z:_-]+)=\"([^\"]*)\"");

    private PersonOverHttp() {}

    /** A fresh person with a password, so tests do not see each other's consents. */
    static Person newPerson(String name) {
        Person p = ItStore.get().newPerson(name, "reliab-" + UUID.randomUUID() + "@example.test");
        ItStore.get()
                .persons
                .setPasswordHash(p.id(), new PasswordHashes().hash(PASSWORD.toCharArray()));
        return p;
    }

    /** A new browser session (cookies, no redirects followed) signed in as {@code p}. */
    static HttpClient signedIn(Person p) throws Exception {
        HttpClient c = PersonPagesIT.client();
        HttpResponse<String> r = PersonPagesIT.login(c, p.username(), PASSWORD);
        assertEquals(302, r.statusCode(), "sign-in: " + r.body());
        return c;
    }

    /**
     * Opens {@code code} in {@code c}: {@code 302} to {@code /interaction?request=<id>}; returns
     * that path.
     */
    static String open(HttpClient c, String code) throws Exception {
        HttpResponse<String> r =
                PersonPagesIT.get(
                        c, PERSON + "/interaction?code=" + URLEncoder.encode(code, UTF8()));
        assertEquals(302, r.statusCode(), "opening the code: " + r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("/interaction?request="), location);
        return location.startsWith("http") ? location.substring(PERSON.length()) : location;
    }

    /** The consent screen's decide form in session {@code c}, ready to be posted. */
    record ConsentForm(HttpClient client, String action, List<String[]> fields) {

        /** Posts with the {@code decide:approve} or {@code decide:deny} button. */
        HttpResponse<String> post(String button) throws Exception {
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
    static ConsentForm consentForm(HttpClient c, String path) throws Exception {
        HttpResponse<String> r = PersonPagesIT.get(c, PERSON + path);
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
    static Deferred deferInventory(StandInIssuers.AgentProvider provider) throws Exception {
        StandInIssuers.Agent a =
                provider.agent("reliab-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        return deferInventory(a);
    }

    static Deferred deferInventory(StandInIssuers.Agent a) throws Exception {
        String rt =
                challenge(ItRequests.get(SUPPLY + "/api/inventory").sign(a.key(), jwt(a)).send());
        return Deferred.request(a, rt, Map.of());
    }

    private static java.nio.charset.Charset UTF8() {
        return StandardCharsets.UTF_8;
    }
}
