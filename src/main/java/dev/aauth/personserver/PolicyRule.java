package dev.aauth.personserver;

import dev.aauth.error.AAuthException;
import dev.aauth.token.Scopes;
import java.util.ArrayList;
import java.util.List;

/**
 * One Person Server policy rule: {@code agent | resource | scopes}, where {@code *} matches any
 * agent, any resource, or (as the only scope) any scope. Example: {@code
 * aauth:backend@localhost:9080 | http://localhost:9081 | supply-chain:check supply-chain:read}.
 *
 * @param agent an agent identifier, or {@code *}
 * @param resource a resource identifier, or {@code *}
 * @param scopes the scopes the rule covers; {@code [*]} for all
 */
public record PolicyRule(String agent, String resource, List<String> scopes) {

    public static final String ANY = "*";

    public PolicyRule {
        scopes = List.copyOf(scopes);
    }

    public boolean matches(String agentId, String resourceId) {
        return (agent.equals(ANY) || agent.equals(agentId))
                && (resource.equals(ANY) || resource.equals(resourceId));
    }

    public boolean coversScope(String scope) {
        return scopes.contains(ANY) || scopes.contains(scope);
    }

    /**
     * Parses rules separated by {@code ;}.
     *
     * @throws IllegalArgumentException describing the first bad rule
     */
    public static List<PolicyRule> parseAll(String value) {
        List<PolicyRule> rules = new ArrayList<>();
        for (String entry : value.split(";")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String[] parts = e.split("\\|", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException(
                        "'" + e + "' is not 'agent | resource | scopes'");
            }
            String agent = parts[0].strip();
            String resource = parts[1].strip();
            String scopes = parts[2].strip();
            if (agent.isEmpty() || resource.isEmpty() || scopes.isEmpty()) {
                throw new IllegalArgumentException("'" + e + "' has an empty part");
            }
            List<String> list;
            if (scopes.equals(ANY)) {
                list = List.of(ANY);
            } else {
                try {
                    list = Scopes.parse(scopes);
                } catch (AAuthException ex) {
                    throw new IllegalArgumentException("'" + e + "': " + ex.detail(), ex);
                }
            }
            rules.add(new PolicyRule(agent, resource, list));
        }
        return rules;
    }
}
