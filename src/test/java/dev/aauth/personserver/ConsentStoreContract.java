package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsentStore}: a remembered consent covers a later request of the same person, agent and
 * resource only when every requested scope was consented to (then the Person Server grants
 * directly, without asking again).
 */
public abstract class ConsentStoreContract extends PortContract {

    static final String RESOURCE = "https://resource.example";

    /** The implementation under test, opened by {@link #open}. */
    protected abstract ConsentStore consents();

    @Test
    @DisplayName("nothing remembered covers nothing")
    void nothingRememberedCoversNothing() {
        assertFalse(consents().covers(username(), agent(), RESOURCE, List.of("read")));
    }

    @Test
    @DisplayName("scopes consented to one at a time cover a request for all of them")
    void consentsAccumulatePerPersonAgentAndResource() {
        String person = username();
        String a = agent();
        consents().remember(person, a, RESOURCE, List.of("read"));
        consents().remember(person, a, RESOURCE, List.of("write"));
        assertTrue(consents().covers(person, a, RESOURCE, List.of("read")));
        assertTrue(consents().covers(person, a, RESOURCE, List.of("read", "write")));
    }

    @Test
    @DisplayName("a scope never consented to is not covered, even with consented ones")
    void aScopeNeverConsentedToIsNotCovered() {
        String person = username();
        String a = agent();
        consents().remember(person, a, RESOURCE, List.of("read"));
        assertFalse(consents().covers(person, a, RESOURCE, List.of("read", "delete")));
    }

    @Test
    @DisplayName("a consent covers neither another resource, nor another agent, nor another person")
    void aConsentCoversOnlyItsPersonAgentAndResource() {
        String person = username();
        String a = agent();
        consents().remember(person, a, RESOURCE, List.of("read"));
        assertFalse(consents().covers(person, a, "https://other.example", List.of("read")));
        assertFalse(consents().covers(person, agent(), RESOURCE, List.of("read")));
        assertFalse(consents().covers(username(), a, RESOURCE, List.of("read")));
    }
}
