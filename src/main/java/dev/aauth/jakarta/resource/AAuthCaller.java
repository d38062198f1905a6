package dev.aauth.jakarta.resource;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.Actor;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.Mission;
import dev.aauth.token.PersonToken;
import dev.aauth.token.VerifiedToken;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who called a protected endpoint, for the endpoint to {@code @Inject}: set by the AAuth request
 * filter once the request has passed, empty ({@link #isPresent()} false) on unprotected endpoints.
 *
 * <pre>{@code
 * @Inject AAuthCaller caller;
 * ... caller.agent(), caller.subject(), caller.scopes(), caller.personServer(), caller.actor() ...
 * }</pre>
 *
 * <p>In either draft ({@link #profile()}): under draft-11 a request signed with a person or auth
 * token names no agent ("no token a resource reads carries an agent identifier"), so {@link
 * #agent()} is the signing key's {@code urn:jkt:sha-256:} URI, and {@link #person()} is the
 * person's identifier {@code (iss, sub)} ("A resource MUST treat (iss, sub) as the identifier").
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

    /**
     * The person a request is for: {@code sub} in the namespace of the Person Server {@code issuer}
     * (draft-11: the person token's {@code iss}, the auth token's {@code ps}; draft-01: the Person
     * Server that issued the auth token). Two persons are the same only when both members are:
     * "MUST NOT match a sub received from one issuer against a record established under another".
     */
    public record Person(String issuer, String subject) {
        public Person {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(subject, "subject");
        }
    }

    private VerifiedRequest request;
    private Level level;
    private Mission mission;

    /** The caller of an allowed request, outside a request scope (the gateway check endpoint). */
    public static AAuthCaller of(Decision.Allowed allowed) {
        AAuthCaller c = new AAuthCaller();
        c.set(allowed.request(), allowed.callerLevel(), allowed.mission());
        return c;
    }

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

    /** The draft the request was verified under. */
    public AAuthProfile profile() {
        return require().profile();
    }

    /**
     * The agent identifier ({@code aauth:local@domain}) from the agent token's {@code sub} or the
     * (draft-01) auth token's {@code agent}; under draft-11 with a person or auth token, the
     * signing key's {@code urn:jkt:sha-256:} URI; for the other {@code Signature-Key} schemes, the
     * signer identity.
     */
    public String agent() {
        return require().identity();
    }

    /**
     * The auth token's {@code sub}: the user at the Person Server ("pairwise pseudonymous"), if
     * any; under draft-11 also the person token's {@code sub}.
     */
    public Optional<String> subject() {
        return person().map(Person::subject).or(() -> Optional.ofNullable(draft01Subject()));
    }

    private String draft01Subject() {
        AuthToken a = require().authToken();
        return a == null ? null : a.subject();
    }

    /**
     * The person the request is for, {@code (iss, sub)}: under draft-11 from the person token
     * ({@code iss}, {@code sub}) or the auth token ({@code ps}, {@code sub}); under draft-01 from
     * an auth token a Person Server issued with a {@code sub}. Empty with an agent token.
     */
    public Optional<Person> person() {
        VerifiedToken t = require().token();
        if (t instanceof PersonToken p) {
            return Optional.of(new Person(p.issuer(), p.subject()));
        }
        if (t instanceof Draft11AuthToken a) {
            return Optional.of(new Person(a.ps(), a.subject()));
        }
        if (t instanceof AuthToken a && a.subject() != null && Dwk.PERSON.equals(a.dwk())) {
            return Optional.of(new Person(a.issuer(), a.subject()));
        }
        return Optional.empty();
    }

    /** The scopes the auth token grants; empty with an agent or person token. */
    public List<String> scopes() {
        VerifiedToken t = require().token();
        if (t instanceof AuthToken a) {
            return a.scope();
        }
        if (t instanceof Draft11AuthToken a) {
            return a.scope();
        }
        return List.of();
    }

    /**
     * The draft-11 {@code mission_s256} of the person or auth token presented, if any (draft-01's
     * mission is {@link #mission()}).
     */
    public Optional<String> missionS256() {
        VerifiedToken t = require().token();
        if (t instanceof PersonToken p) {
            return Optional.ofNullable(p.missionS256());
        }
        if (t instanceof Draft11AuthToken a) {
            return Optional.ofNullable(a.missionS256());
        }
        return Optional.empty();
    }

    /** Whether the auth token grants every one of {@code scopes}. */
    public boolean hasScopes(String... scopes) {
        return scopes().containsAll(List.of(scopes));
    }

    /**
     * The Person Server: the auth token's issuer when a PS issued it ({@code dwk} {@code
     * aauth-person.json}), else the agent token's {@code ps} claim; under draft-11 the person
     * token's {@code iss} or the auth token's {@code ps}.
     */
    public Optional<String> personServer() {
        VerifiedRequest r = require();
        if (r.token() instanceof PersonToken || r.token() instanceof Draft11AuthToken) {
            return person().map(Person::issuer);
        }
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
