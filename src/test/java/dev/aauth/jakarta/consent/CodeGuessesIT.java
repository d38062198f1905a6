package dev.aauth.jakarta.consent;

import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.PersonOverHttp.client;
import static dev.aauth.jakarta.it.PersonOverHttp.get;
import static dev.aauth.jakarta.it.PersonOverHttp.login;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.login.PasswordHashes;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Draft -11 "Interaction Code Format": "the server MUST rate-limit code-validation attempts at the
 * interaction URL" (issue 12: "interaction-code guesses throttled per client and globally"). Over
 * real HTTP, with a person of its own so the demo persons' pages are not throttled for other tests.
 */
class CodeGuessesIT {

    static final String PASSWORD = "guessing codes";

    @Test
    @DisplayName(
            "a person entering more than 10 unknown codes in a minute is throttled: the 11th is not even looked up")
    void unknownCodesThrottledPerPerson() throws Exception {
        Person p = ItStore.get().newPerson("Code Guesser", "guesser@example.test");
        ItStore.get()
                .persons
                .setPasswordHash(p.id(), new PasswordHashes().hash(PASSWORD.toCharArray()));
        HttpClient c = client();
        login(c, p.username(), PASSWORD);
        // the default is 10 unknown codes per person per minute
        for (int i = 0; i < 10; i++) {
            String page =
                    get(c, PERSON + "/interaction?code=ZZZZ-ZZZ" + "ABCDEFGHJK".charAt(i)).body();
            assertTrue(page.contains("This code is not known"), "guess " + i + ": " + page);
        }
        String throttled = get(c, PERSON + "/interaction?code=ZZZZ-ZZZZ").body();
        assertTrue(throttled.contains("Too many unknown codes"), throttled);
    }
}
