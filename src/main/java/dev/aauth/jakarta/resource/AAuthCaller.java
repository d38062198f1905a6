package dev.aauth.jakarta.resource;

import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.Actor;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.Mission;
import dev.aauth.token.VerifiedToken;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Optional;

/**
 * Who called a protected endpoint, for the endpoint to {@code @Inject}: set by the AAuth request
 * filter once the request has passed, empty ({@link #isPresent()} false) on unprotected endpoints.
 *
 * <pre>{@code
 * @Inject AAuthCaller caller;
 * ... caller.agent(), caller.subject(), caller.scopes(), caller.personServer(), caller.actor() ...
 * }</pre>
 */
@RequestScoped
public class AAuthCaller {

    /** How far the caller got. */
    public enum Level {
        /** An agent token (or another identifying key) verified: "identified". */
        IDENTIFIED("identified"),
        /** An auth token for this resource verified: "authorized". */
        AUTHORIZED("authorized");

        private final String logName;

        Level(String logName) {
            this.logName = logName;
        }

        /** As written in the decision log. */
        public String logName() {
            return logName;
        }
    }

    private VerifiedRequest request;
    private Level level;
    private Mission mission;

    void set(VerifiedRequest request, Level level, Mission signedMission) {
        this.request = request;
        this.level = level;
        AuthToken auth = request.authToken();
        this.mission = auth != null && auth.mission() != null ? auth.mission() : signedMission;
    }

    /** Whether the AAuth filter verified this request. */
    public boolean isPresent() {
        return request != null;
    }

    /** The verified request: key, algorithm, signature label, {@code created}. */
    public VerifiedRequest request() {
        return require();
    }

    public Level level() {
        require();
        return level;
    }

    /**
     * The agent identifier ({@code aauth:local@domain}) from the agent token's {@code sub} or the
     * auth token's {@code agent}; for the other {@code Signature-Key} schemes, the signer identity.
     */
    public String agent() {
        return require().identity();
    }

    /**
     * The auth token's {@code sub}: the user at the Person Server ("pairwise pseudonymous"), if
     * any.
     */
    public Optional<String> subject() {
        AuthToken a = require().authToken();
        return Optional.ofNullable(a == null ? null : a.subject());
    }

    /** The scopes the auth token grants; empty with an agent token. */
    public List<String> scopes() {
        AuthToken a = require().authToken();
        return a == null ? List.of() : a.scope();
    }

    /** Whether the auth token grants every one of {@code scopes}. */
    public boolean hasScopes(String... scopes) {
        return scopes().containsAll(List.of(scopes));
    }

    /**
     * The Person Server: the auth token's issuer when a PS issued it ({@code dwk} {@code
     * aauth-person.json}), else the agent token's {@code ps} claim.
     */
    public Optional<String> personServer() {
        VerifiedRequest r = require();
        AuthToken a = r.authToken();
        if (a != null) {
            return Optional.ofNullable(Dwk.PERSON.equals(a.dwk()) ? a.issuer() : null);
        }
        AgentToken t = r.agentToken();
        return Optional.ofNullable(t == null ? null : t.ps());
    }

    /** The issuer of the presented token: agent provider, Person Server or access server. */
    public Optional<String> tokenIssuer() {
        VerifiedToken t = require().token();
        return Optional.ofNullable(t == null ? null : t.issuer());
    }

    /**
     * The auth token's {@code act} chain; {@code act.sub} is the requesting agent. Empty with an
     * agent token.
     */
    public Optional<Actor> actor() {
        AuthToken a = require().authToken();
        return Optional.ofNullable(a == null ? null : a.act());
    }

    /**
     * The mission: the auth token's {@code mission}, else a signed {@code AAuth-Mission} header.
     */
    public Optional<Mission> mission() {
        require();
        return Optional.ofNullable(mission);
    }

    /** The verified token from {@code Signature-Key}, if the scheme carried one. */
    public Optional<VerifiedToken> token() {
        return Optional.ofNullable(require().token());
    }

    private VerifiedRequest require() {
        if (request == null) {
            throw new IllegalStateException(
                    "no AAuth caller: the endpoint is not protected by AAuth");
        }
        return request;
    }
}
