package dev.aauth.jakarta.config;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.ComponentIdentifier;
import dev.aauth.id.AgentIdentifier;
import dev.aauth.id.EndpointUrl;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.personserver.PersonServerSettings;
import dev.aauth.personserver.PolicyRule;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.token.Scopes;
import dev.aauth.token.TokenType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Every {@code aauth.*} setting of this deployment, read once from MicroProfile Config.
 *
 * <p>It reads every {@code aauth.*} property but the resource role's own rules, scopes and hosts,
 * which {@code dev.aauth.jakarta.resource.ResourceConfiguration} reads (the role owns its types).
 * Values are checked when the application starts, so a misconfigured origin fails to deploy instead
 * of failing its first request.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #ROLES}</td><td>(none)</td><td>comma-separated {@link Role} names this origin fills</td></tr>
 *   <tr><td>{@value #ISSUER}</td><td>required</td><td>this origin's server identifier</td></tr>
 *   <tr><td>{@value #SECURITY_MODE}</td><td>{@code STRICT}</td><td>{@link SecurityMode}</td></tr>
 *   <tr><td>{@value #PROFILES}</td><td>{@code draft-01,draft-11}</td><td>the drafts this origin serves,
 *       the preferred first (docs/profiles.md)</td></tr>
 *   <tr><td>{@value #KEYS_DIR}</td><td>(none)</td><td>import only: a directory holding a private JWK JSON
 *       file named after the issuer; when the database has no key for the issuer yet, that key becomes
 *       its first key (otherwise a new one is generated). The keys live in the database.</td></tr>
 *   <tr><td>{@value #KEYS_ROTATION_INTERVAL}</td><td>{@code 2592000} (30 days)</td><td>seconds a signing key
 *       stays current before the next rotation</td></tr>
 *   <tr><td>{@value #KEYS_REFRESH_INTERVAL}</td><td>{@code 60}</td><td>seconds between re-reads of the keys
 *       from the database (rotation check, other instances' rotations, retirement)</td></tr>
 *   <tr><td>{@value #STORE_RETRY_AFTER}</td><td>{@code 5}</td><td>{@code Retry-After} seconds of the
 *       {@code 503 temporarily_unavailable} answered while the database cannot be reached (1-3600)</td></tr>
 *   <tr><td>{@value #DEMO_APIS}</td><td>(none)</td><td>comma-separated demo APIs this origin serves:
 *       {@code supply-chain}, {@code market-analysis}; needs the {@code resource} role</td></tr>
 *   <tr><td>{@value #RESOURCE_SIGNATURE_KEY_SCHEMES}</td><td>{@code jwt}</td><td>accepted
 *       {@code Signature-Key} schemes, comma-separated: {@code jwt}, {@code jwks_uri}, {@code hwk},
 *       {@code jkt-jwt}</td></tr>
 *   <tr><td>{@value #RESOURCE_JWT_TYPES}</td><td>{@code aa-agent+jwt,aa-auth+jwt}</td><td>accepted JWT
 *       {@code typ}s in the {@code jwt} scheme</td></tr>
 *   <tr><td>{@value #RESOURCE_SIGNATURE_WINDOW}</td><td>{@code 60}</td><td>{@code signature_window} in
 *       seconds (1-3600)</td></tr>
 *   <tr><td>{@value #RESOURCE_SIGNATURE_COMPONENTS}</td><td>(none)</td><td>comma-separated
 *       {@code additional_signature_components}, e.g. {@code content-digest}</td></tr>
 *   <tr><td>{@value #RESOURCE_REQUIRE_BODY_DIGEST}</td><td>{@code true}</td><td>a signed request with a body
 *       must cover {@code content-digest} ({@code invalid_input} with {@code required_input} otherwise);
 *       {@code false} relaxes it (a covered digest is still checked)</td></tr>
 *   <tr><td>{@value #REPLAY_MAX_ENTRIES}</td><td>{@code 100000}</td><td>bound of the in-memory replay cache of
 *       the resource endpoints (1..10000000): signed state-changing requests remembered for the signature
 *       window; when full, new ones are refused ({@code 503}) rather than old ones forgotten</td></tr>
 *   <tr><td>{@value #PS_TOKEN_RATE}</td><td>{@code 600}</td><td>token requests per agent per minute, per
 *       instance (1..1000000), bursts up to as many; more get {@code 429 slow_down} with {@code Retry-After}</td></tr>
 *   <tr><td>{@value #PS_MAX_PENDING_PER_AGENT}</td><td>{@code 100}</td><td>open (pending or interacting)
 *       requests one agent may have (1..1000000); one more is {@code 429 slow_down} with {@code Retry-After}</td></tr>
 *   <tr><td>{@value #PS_MAX_PENDING_PER_PERSON}</td><td>{@code 100}</td><td>open (pending or interacting)
 *       requests of all the agents of one person together (1..1000000); one more is {@code 429 slow_down}
 *       with {@code Retry-After}</td></tr>
 *   <tr><td>{@value #OUTBOUND_MAX_CONCURRENT_FETCHES}</td><td>{@code 16}</td><td>outbound metadata/JWKS
 *       fetches running at once, per process (1..10000); one more waits at most 100 ms, then is
 *       {@code 503 temporarily_unavailable} with {@code Retry-After}</td></tr>
 *   <tr><td>{@value #PS_CODE_GUESSES_PER_PERSON}</td><td>{@code 10}</td><td>unknown interaction codes a signed-in
 *       person may enter per minute (1..1000000); beyond, code entry is refused for a while</td></tr>
 *   <tr><td>{@value #PS_CODE_GUESSES_GLOBAL}</td><td>{@code 100}</td><td>unknown interaction codes per minute from
 *       everyone together, per instance (1..1000000)</td></tr>
 *   <tr><td>{@value #AP_CLIENT_NAME}</td><td>(none)</td><td>{@code client_name} in the agent metadata</td></tr>
 *   <tr><td>{@value #AP_LOGO_URI}</td><td>(none)</td><td>{@code logo_uri} in the agent metadata</td></tr>
 *   <tr><td>{@value #AP_CALLBACK_ENDPOINT}</td><td>(none)</td><td>{@code callback_endpoint} in the agent metadata</td></tr>
 *   <tr><td>{@value #AP_LOCALHOST_CALLBACK_ALLOWED}</td><td>{@code false}</td><td>{@code localhost_callback_allowed}</td></tr>
 *   <tr><td>{@value #AP_PERSON_SERVER}</td><td>(none)</td><td>the {@code ps} claim of the agent tokens issued here</td></tr>
 *   <tr><td>{@value #AP_TOKEN_LIFETIME}</td><td>{@code 3600}</td><td>agent token lifetime in seconds (1-86400)</td></tr>
 *   <tr><td>{@value #AP_TRUSTED_KEYS}</td><td>(none)</td><td>remote enrollment: comma-separated
 *       {@code local=thumbprint} entries, the RFC 7638 SHA-256 thumbprints of the long-lived keys trusted to
 *       speak for agent {@code aauth:local@<this domain>} (an agent may have several)</td></tr>
 *   <tr><td>{@value #PS_SCOPES_SUPPORTED}</td><td>{@code openid profile email}</td><td>{@code scopes_supported}</td></tr>
 *   <tr><td>{@value #PS_CLAIMS_SUPPORTED}</td><td>{@code sub email name}</td><td>{@code claims_supported}</td></tr>
 *   <tr><td>{@value #PS_TOKEN_LIFETIME}</td><td>{@code 3600}</td><td>auth token lifetime in seconds (1-3600)</td></tr>
 *   <tr><td>{@value #PS_ALWAYS_ASK}</td><td>{@code require:user}</td><td>space-separated scopes that always need
 *       the person</td></tr>
 *   <tr><td>{@value #PS_DENY}</td><td>(none)</td><td>explicit deny rules, {@link PolicyRule}s separated by {@code ;}</td></tr>
 *   <tr><td>{@value #PS_AUTONOMOUS}</td><td>(none)</td><td>the autonomous allow-list, {@link PolicyRule}s separated
 *       by {@code ;}</td></tr>
 *   <tr><td>{@value #PS_AGENT_BINDINGS}</td><td>(none)</td><td>comma-separated {@code agent=person}: the person
 *       each agent belongs to</td></tr>
 *   <tr><td>{@value #PS_AGENT_RESOURCES}</td><td>(none)</td><td>call chaining: comma-separated
 *       {@code agent=resource}, the resource identity of an agent that is also a resource (the {@code aud} of
 *       the upstream tokens it may present)</td></tr>
 *   <tr><td>{@value #PS_PENDING_LIFETIME}</td><td>600</td><td>seconds a deferred (202) request stays open
 *       before it expires (1..86400)</td></tr>
 *   <tr><td>{@value #PS_RETRY_AFTER}</td><td>5</td><td>the {@code Retry-After} of pending responses, in seconds;
 *       polling faster gets {@code 429 slow_down} (1..3600)</td></tr>
 *   <tr><td>{@value #AGENT_NAME}</td><td>(none)</td><td>the agent's local name (required with the agent role)</td></tr>
 *   <tr><td>{@value #AGENT_PROVIDER}</td><td>this origin, when it is the AP</td><td>the agent's Agent Provider</td></tr>
 *   <tr><td>{@value #AGENT_KEY_FILE}</td><td>(none)</td><td>long-lived private JWK for remote (jkt-jwt) enrollment</td></tr>
 *   <tr><td>{@value #AGENT_RENEW_BEFORE}</td><td>300</td><td>seconds before the agent token's exp a new key and token are obtained</td></tr>
 *   <tr><td>{@value #AGENT_AUTH_TOKEN_MARGIN}</td><td>30</td><td>seconds before exp a cached auth token is no longer used</td></tr>
 *   <tr><td>{@value #AGENT_PENDING_TIMEOUT}</td><td>600</td><td>longest wait for a deferred token request, seconds</td></tr>
 *   <tr><td>{@value #AGENT_HTTP_TIMEOUT}</td><td>10</td><td>timeout of the agent's own HTTP calls, seconds</td></tr>
 *   <tr><td>{@value #AGENT_DRAFT}</td><td>{@code draft-01}</td><td>the draft the agent speaks (its agent
 *       token's shape; person tokens and the -11 challenges with draft-11); must be served</td></tr>
 *   <tr><td>{@value #DEMO_SUPPLY_CHAIN_URL}</td><td>(none)</td><td>demo: target of the backend's supply-chain REST client</td></tr>
 *   <tr><td>{@value #DEMO_MARKET_ANALYSIS_URL}</td><td>(none)</td><td>demo: target of the supply-chain agent's market-analysis REST client</td></tr>
 *   <tr><td>{@value #PS_DEMO_PERSON}</td><td>{@code alice} in DEVELOPMENT</td><td>a person created at start
 *       whose password is their username; DEVELOPMENT only (a value in STRICT mode fails the deployment);
 *       empty for none</td></tr>
 *   <tr><td>{@value #PS_PERSONS}</td><td>(none)</td><td>persons created (or whose password is reset) at start:
 *       {@code username=<Argon2id hash>} entries separated by {@code ;}</td></tr>
 *   <tr><td>{@value #PS_PAIRWISE_SECRET}</td><td>(random per start)</td><td>secret of the pairwise {@code sub}
 *       values (HMAC-SHA256 key)</td></tr>
 * </table>
 */
@ApplicationScoped
public class AAuthConfig {

    public static final String ROLES = "aauth.roles";
    public static final String ISSUER = "aauth.issuer";
    public static final String SECURITY_MODE = "aauth.security-mode";
    public static final String PROFILES = "aauth.profiles";
    public static final String KEYS_DIR = "aauth.keys.dir";
    public static final String KEYS_ROTATION_INTERVAL = "aauth.keys.rotation-interval";
    public static final String KEYS_REFRESH_INTERVAL = "aauth.keys.refresh-interval";
    public static final String STORE_RETRY_AFTER = "aauth.store.retry-after";
    public static final String DEMO_APIS = "aauth.demo.apis";
    public static final String RESOURCE_SIGNATURE_KEY_SCHEMES =
            "aauth.resource.signature-key-schemes";
    public static final String RESOURCE_JWT_TYPES = "aauth.resource.jwt-types";
    public static final String RESOURCE_SIGNATURE_WINDOW = "aauth.resource.signature-window";
    public static final String RESOURCE_SIGNATURE_COMPONENTS =
            "aauth.resource.signature-components";
    public static final String RESOURCE_REQUIRE_BODY_DIGEST = "aauth.resource.require-body-digest";
    public static final String REPLAY_MAX_ENTRIES = "aauth.replay.max-entries";
    public static final String PS_TOKEN_RATE = "aauth.person-server.token-rate";
    public static final String PS_CODE_GUESSES_PER_PERSON =
            "aauth.person-server.code-guesses-per-person";
    public static final String PS_CODE_GUESSES_GLOBAL = "aauth.person-server.code-guesses-global";
    public static final String PS_MAX_PENDING_PER_AGENT =
            "aauth.person-server.max-pending-per-agent";
    public static final String PS_MAX_PENDING_PER_PERSON =
            "aauth.person-server.max-pending-per-person";
    public static final String OUTBOUND_MAX_CONCURRENT_FETCHES =
            "aauth.outbound.max-concurrent-fetches";
    public static final String AP_CLIENT_NAME = "aauth.agent-provider.client-name";
    public static final String AP_LOGO_URI = "aauth.agent-provider.logo-uri";
    public static final String AP_CALLBACK_ENDPOINT = "aauth.agent-provider.callback-endpoint";
    public static final String AP_LOCALHOST_CALLBACK_ALLOWED =
            "aauth.agent-provider.localhost-callback-allowed";
    public static final String AP_PERSON_SERVER = "aauth.agent-provider.person-server";
    public static final String AP_TOKEN_LIFETIME = "aauth.agent-provider.token-lifetime";
    public static final String AP_TRUSTED_KEYS = "aauth.agent-provider.trusted-keys";
    public static final String PS_SCOPES_SUPPORTED = "aauth.person-server.scopes-supported";
    public static final String PS_CLAIMS_SUPPORTED = "aauth.person-server.claims-supported";
    public static final String PS_TOKEN_LIFETIME = "aauth.person-server.token-lifetime";
    public static final String PS_ALWAYS_ASK = "aauth.person-server.always-ask";
    public static final String PS_DENY = "aauth.person-server.deny";
    public static final String PS_AUTONOMOUS = "aauth.person-server.autonomous";
    public static final String PS_AGENT_BINDINGS = "aauth.person-server.agent-bindings";
    public static final String PS_PAIRWISE_SECRET = "aauth.person-server.pairwise-secret";
    public static final String PS_AGENT_RESOURCES = "aauth.person-server.agent-resources";
    public static final String PS_PENDING_LIFETIME = "aauth.person-server.pending-lifetime";
    public static final String PS_RETRY_AFTER = "aauth.person-server.retry-after";
    public static final String PS_MAX_WAIT = "aauth.person-server.max-wait";
    public static final String PS_WAIT_SAFETY_INTERVAL = "aauth.person-server.wait-safety-interval";
    public static final String AGENT_NAME = "aauth.agent.name";
    public static final String AGENT_PROVIDER = "aauth.agent.provider";
    public static final String AGENT_KEY_FILE = "aauth.agent.key-file";
    public static final String AGENT_RENEW_BEFORE = "aauth.agent.renew-before";
    public static final String AGENT_AUTH_TOKEN_MARGIN = "aauth.agent.auth-token-margin";
    public static final String AGENT_PENDING_TIMEOUT = "aauth.agent.pending-timeout";
    public static final String AGENT_HTTP_TIMEOUT = "aauth.agent.http-timeout";
    public static final String AGENT_DRAFT = "aauth.agent.draft";
    public static final String DEMO_SUPPLY_CHAIN_URL = "aauth.demo.supply-chain-url";
    public static final String DEMO_MARKET_ANALYSIS_URL = "aauth.demo.market-analysis-url";
    public static final String PS_DEMO_PERSON = "aauth.person-server.demo-person";
    public static final String PS_PERSONS = "aauth.person-server.persons";

    /** The demo APIs an origin can serve ({@value #DEMO_APIS}). */
    public static final Set<String> KNOWN_DEMO_APIS = Set.of("supply-chain", "market-analysis");

    private final Set<Role> roles;
    private final String issuer;
    private final SecurityMode securityMode;
    private final Optional<Path> keysDir;
    private final Duration keysRotationInterval;
    private final Duration keysRefreshInterval;
    private final Duration storeRetryAfter;
    private final Set<String> demoApis;
    private final SignatureSettings resourceSignatures;
    private final AgentProviderSettings agentProvider;
    private final PersonServerSettings personServer;
    private final LongPollSettings longPolls;
    private final AgentSettings agent;
    private final PersonAccounts personAccounts;
    private final boolean resourceRequiresBodyDigest;
    private final int replayMaxEntries;
    private final int tokenRate;
    private final int maxPendingPerAgent;
    private final int maxPendingPerPerson;
    private final int maxConcurrentFetches;
    private final int codeGuessesPerPerson;
    private final int codeGuessesGlobal;
    private final List<AAuthProfile> profiles;

    @Inject
    AAuthConfig(Config config) {
        this(name -> config.getOptionalValue(name, String.class));
    }

    /**
     * Reads the settings through {@code property} (name to raw value).
     *
     * @throws IllegalStateException naming the property, when a value is missing or invalid
     */
    AAuthConfig(Function<String, Optional<String>> property) {
        this.roles = parseRoles(property.apply(ROLES).orElse(""));
        this.issuer =
                property.apply(ISSUER)
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                ISSUER
                                                        + " is required: this origin's server identifier"));
        this.securityMode =
                property.apply(SECURITY_MODE)
                        .map(AAuthConfig::parseSecurityMode)
                        .orElse(SecurityMode.STRICT);
        serverIdentifier(ISSUER, issuer, securityMode);
        this.keysDir = nonBlank(property, KEYS_DIR).map(Path::of);
        this.keysRotationInterval =
                seconds(
                        KEYS_ROTATION_INTERVAL,
                        nonBlank(property, KEYS_ROTATION_INTERVAL).orElse("2592000"),
                        31_536_000);
        this.keysRefreshInterval =
                seconds(
                        KEYS_REFRESH_INTERVAL,
                        nonBlank(property, KEYS_REFRESH_INTERVAL).orElse("60"),
                        3600);
        this.storeRetryAfter =
                seconds(STORE_RETRY_AFTER, nonBlank(property, STORE_RETRY_AFTER).orElse("5"), 3600);
        this.demoApis = parseDemoApis(nonBlank(property, DEMO_APIS).orElse(""));
        if (!demoApis.isEmpty() && !roles.contains(Role.RESOURCE)) {
            throw new IllegalStateException(
                    DEMO_APIS + ": the demo APIs are resources; add 'resource' to " + ROLES);
        }
        this.resourceSignatures = parseSignatures(property);
        this.agentProvider = parseAgentProvider(property, securityMode);
        this.personServer = parsePersonServer(property, securityMode);
        this.longPolls =
                new LongPollSettings(
                        seconds(PS_MAX_WAIT, nonBlank(property, PS_MAX_WAIT).orElse("30"), 300),
                        millis(
                                PS_WAIT_SAFETY_INTERVAL,
                                nonBlank(property, PS_WAIT_SAFETY_INTERVAL).orElse("5000"),
                                100,
                                300_000));
        this.agent = parseAgent(property, securityMode, issuer, roles);
        this.personAccounts = parsePersonAccounts(property, securityMode);
        this.resourceRequiresBodyDigest =
                parseBoolean(
                        RESOURCE_REQUIRE_BODY_DIGEST,
                        nonBlank(property, RESOURCE_REQUIRE_BODY_DIGEST).orElse("true"));
        this.replayMaxEntries =
                (int)
                        count(
                                REPLAY_MAX_ENTRIES,
                                nonBlank(property, REPLAY_MAX_ENTRIES).orElse("100000"),
                                10_000_000);
        this.tokenRate =
                (int)
                        count(
                                PS_TOKEN_RATE,
                                nonBlank(property, PS_TOKEN_RATE).orElse("600"),
                                1_000_000);
        this.maxPendingPerAgent =
                (int)
                        count(
                                PS_MAX_PENDING_PER_AGENT,
                                nonBlank(property, PS_MAX_PENDING_PER_AGENT).orElse("100"),
                                1_000_000);
        this.maxPendingPerPerson =
                (int)
                        count(
                                PS_MAX_PENDING_PER_PERSON,
                                nonBlank(property, PS_MAX_PENDING_PER_PERSON).orElse("100"),
                                1_000_000);
        this.maxConcurrentFetches =
                (int)
                        count(
                                OUTBOUND_MAX_CONCURRENT_FETCHES,
                                nonBlank(property, OUTBOUND_MAX_CONCURRENT_FETCHES).orElse("16"),
                                10_000);
        this.codeGuessesPerPerson =
                (int)
                        count(
                                PS_CODE_GUESSES_PER_PERSON,
                                nonBlank(property, PS_CODE_GUESSES_PER_PERSON).orElse("10"),
                                1_000_000);
        this.codeGuessesGlobal =
                (int)
                        count(
                                PS_CODE_GUESSES_GLOBAL,
                                nonBlank(property, PS_CODE_GUESSES_GLOBAL).orElse("100"),
                                1_000_000);
        this.profiles = parseProfiles(nonBlank(property, PROFILES).orElse("draft-01,draft-11"));
        if (roles.contains(Role.AGENT) && !profiles.contains(agent.draft())) {
            throw new IllegalStateException(
                    AGENT_DRAFT
                            + "="
                            + agent.draft().id()
                            + " is not among the drafts this origin serves ("
                            + PROFILES
                            + ")");
        }
    }

    /** For the CDI client proxy only. */
    protected AAuthConfig() {
        this.roles = Set.of();
        this.issuer = null;
        this.securityMode = SecurityMode.STRICT;
        this.keysDir = Optional.empty();
        this.keysRotationInterval = null;
        this.keysRefreshInterval = null;
        this.storeRetryAfter = null;
        this.demoApis = Set.of();
        this.resourceSignatures = null;
        this.agentProvider = null;
        this.personServer = null;
        this.longPolls = null;
        this.agent = null;
        this.personAccounts = null;
        this.resourceRequiresBodyDigest = true;
        this.replayMaxEntries = 1;
        this.tokenRate = 1;
        this.maxPendingPerAgent = 1;
        this.maxPendingPerPerson = 1;
        this.maxConcurrentFetches = 1;
        this.codeGuessesPerPerson = 1;
        this.codeGuessesGlobal = 1;
        this.profiles = List.of(AAuthProfile.DRAFT_01);
    }

    /** Creating the bean at start-up is the check: a bad value fails the deployment. */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Nothing to do: delivering this event instantiated the bean, which read and checked every
        // value.
    }

    /** The roles this origin fills; unmodifiable, possibly empty. */
    public Set<Role> roles() {
        return roles;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** This origin's server identifier, compared by exact string comparison. */
    public String issuer() {
        return issuer;
    }

    /** {@link SecurityMode#STRICT} unless {@value #SECURITY_MODE} says otherwise. */
    public SecurityMode securityMode() {
        return securityMode;
    }

    /** Where a private signing key to import as this issuer's first key is, if configured. */
    public Optional<Path> keysDir() {
        return keysDir;
    }

    /** How long a signing key stays current ({@value #KEYS_ROTATION_INTERVAL}). */
    public Duration keysRotationInterval() {
        return keysRotationInterval;
    }

    /**
     * How often the signing keys are re-read from the database ({@value #KEYS_REFRESH_INTERVAL}).
     */
    public Duration keysRefreshInterval() {
        return keysRefreshInterval;
    }

    /**
     * The {@code Retry-After} of the {@code 503} answered while the database cannot be reached
     * ({@value #STORE_RETRY_AFTER}).
     */
    public Duration storeRetryAfter() {
        return storeRetryAfter;
    }

    /** The demo APIs this origin serves ({@value #DEMO_APIS}); unmodifiable, possibly empty. */
    public Set<String> demoApis() {
        return demoApis;
    }

    /**
     * What the resource endpoints demand of signatures ({@value #RESOURCE_SIGNATURE_KEY_SCHEMES},
     * {@value #RESOURCE_JWT_TYPES}, {@value #RESOURCE_SIGNATURE_WINDOW}, {@value
     * #RESOURCE_SIGNATURE_COMPONENTS}): read and checked on every origin, used where the {@code
     * resource} role is present. The role's own settings are {@code
     * dev.aauth.jakarta.resource.ResourceConfiguration}'s.
     */
    public SignatureSettings resourceSignatures() {
        return resourceSignatures;
    }

    /**
     * The Agent Provider settings; read and checked on every origin, used where the role is
     * present.
     */
    public AgentProviderSettings agentProvider() {
        return agentProvider;
    }

    /**
     * The Person Server settings; read and checked on every origin, used where the role is present.
     */
    public PersonServerSettings personServer() {
        return personServer;
    }

    /** How the Person Server holds {@code Prefer: wait} polls. */
    public LongPollSettings longPolls() {
        return longPolls;
    }

    /**
     * {@value #RESOURCE_REQUIRE_BODY_DIGEST}: resources demand a covered Content-Digest on bodies.
     */
    public boolean resourceRequiresBodyDigest() {
        return resourceRequiresBodyDigest;
    }

    /** {@value #REPLAY_MAX_ENTRIES}: the bound of the resource endpoints' replay cache. */
    /**
     * The drafts this origin serves, the preferred first ({@value #PROFILES}, default {@code
     * draft-01,draft-11}): the preferred one answers a request that carries no signal of its draft
     * (docs/profiles.md, row 7), so draft-01 first keeps the seed demo exactly as it was.
     */
    public List<AAuthProfile> profiles() {
        return profiles;
    }

    /** Whether this origin serves {@code profile}. */
    public boolean serves(AAuthProfile profile) {
        return profiles.contains(profile);
    }

    static List<AAuthProfile> parseProfiles(String raw) {
        List<AAuthProfile> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            AAuthProfile p =
                    AAuthProfile.fromId(id)
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    PROFILES
                                                            + ": unknown draft '"
                                                            + id
                                                            + "' (draft-01, draft-11)"));
            if (out.contains(p)) {
                throw new IllegalStateException(PROFILES + ": " + id + " is listed twice");
            }
            out.add(p);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(PROFILES + " names no draft (draft-01, draft-11)");
        }
        return List.copyOf(out);
    }

    public int replayMaxEntries() {
        return replayMaxEntries;
    }

    /** {@value #PS_TOKEN_RATE}: token requests per agent per minute (per instance). */
    public int tokenRate() {
        return tokenRate;
    }

    /** {@value #PS_MAX_PENDING_PER_AGENT}: open pending requests per agent. */
    public int maxPendingPerAgent() {
        return maxPendingPerAgent;
    }

    /** {@value #PS_MAX_PENDING_PER_PERSON}: open pending requests per person (all their agents). */
    public int maxPendingPerPerson() {
        return maxPendingPerPerson;
    }

    /** {@value #OUTBOUND_MAX_CONCURRENT_FETCHES}: outbound metadata/JWKS fetches at once. */
    public int maxConcurrentFetches() {
        return maxConcurrentFetches;
    }

    /** {@value #PS_CODE_GUESSES_PER_PERSON}: unknown interaction codes per person per minute. */
    public int codeGuessesPerPerson() {
        return codeGuessesPerPerson;
    }

    /** {@value #PS_CODE_GUESSES_GLOBAL}: unknown interaction codes per minute, everyone. */
    public int codeGuessesGlobal() {
        return codeGuessesGlobal;
    }

    /**
     * The agent settings; read and checked on every origin, used where the {@code agent} role is
     * present.
     */
    public AgentSettings agent() {
        return agent;
    }

    private static AgentSettings parseAgent(
            Function<String, Optional<String>> property,
            SecurityMode mode,
            String issuer,
            Set<Role> roles) {
        Optional<String> name = nonBlank(property, AGENT_NAME);
        name.ifPresent(
                n -> {
                    if (!AgentIdentifier.isValid(
                            "aauth:" + n + "@example.com", SecurityMode.STRICT)) {
                        throw new IllegalStateException(
                                AGENT_NAME + ": '" + n + "' is not an agent local name");
                    }
                });
        Optional<String> provider =
                nonBlank(property, AGENT_PROVIDER)
                        .map(v -> serverIdentifier(AGENT_PROVIDER, v, mode))
                        .or(
                                () ->
                                        roles.contains(Role.AGENT_PROVIDER)
                                                ? Optional.of(issuer)
                                                : Optional.empty());
        Optional<Path> keyFile = nonBlank(property, AGENT_KEY_FILE).map(Path::of);
        if (roles.contains(Role.AGENT)) {
            if (name.isEmpty() || provider.isEmpty()) {
                throw new IllegalStateException(
                        "the agent role needs "
                                + AGENT_NAME
                                + " and "
                                + AGENT_PROVIDER
                                + " (or this origin's agent-provider role)");
            }
            if (!provider.get().equals(issuer) && keyFile.isEmpty()) {
                throw new IllegalStateException(
                        AGENT_KEY_FILE
                                + " is required: the Agent Provider "
                                + provider.get()
                                + " is remote (jkt-jwt enrollment with a long-lived key)");
            }
        }
        Optional<String> supply =
                nonBlank(property, DEMO_SUPPLY_CHAIN_URL)
                        .map(v -> serverIdentifier(DEMO_SUPPLY_CHAIN_URL, v, mode));
        Optional<String> market =
                nonBlank(property, DEMO_MARKET_ANALYSIS_URL)
                        .map(v -> serverIdentifier(DEMO_MARKET_ANALYSIS_URL, v, mode));
        return new AgentSettings(
                name,
                provider,
                keyFile,
                seconds(
                        AGENT_RENEW_BEFORE,
                        nonBlank(property, AGENT_RENEW_BEFORE).orElse("300"),
                        86_400),
                seconds(
                        AGENT_AUTH_TOKEN_MARGIN,
                        nonBlank(property, AGENT_AUTH_TOKEN_MARGIN).orElse("30"),
                        3600),
                seconds(
                        AGENT_PENDING_TIMEOUT,
                        nonBlank(property, AGENT_PENDING_TIMEOUT).orElse("600"),
                        86_400),
                seconds(
                        AGENT_HTTP_TIMEOUT,
                        nonBlank(property, AGENT_HTTP_TIMEOUT).orElse("10"),
                        300),
                supply,
                market,
                agentDraft(property));
    }

    private static AAuthProfile agentDraft(Function<String, Optional<String>> property) {
        String raw = nonBlank(property, AGENT_DRAFT).orElse(AAuthProfile.DRAFT_01.id());
        return AAuthProfile.fromId(raw)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        AGENT_DRAFT
                                                + ": '"
                                                + raw
                                                + "' is not a draft (draft-01, draft-11)"));
    }

    /**
     * The persons created at start; read and checked on every origin, used where the person-server
     * role is.
     */
    public PersonAccounts personAccounts() {
        return personAccounts;
    }

    private static PersonAccounts parsePersonAccounts(
            Function<String, Optional<String>> property, SecurityMode mode) {
        Optional<String> demo = property.apply(PS_DEMO_PERSON).map(String::strip);
        if (mode == SecurityMode.STRICT && demo.filter(s -> !s.isEmpty()).isPresent()) {
            throw new IllegalStateException(
                    PS_DEMO_PERSON
                            + " is for DEVELOPMENT mode only: a person whose password"
                            + " is their username must never exist in production");
        }
        Optional<String> demoPerson =
                mode == SecurityMode.DEVELOPMENT
                        ? Optional.of(demo.orElse("alice")).filter(s -> !s.isEmpty())
                        : Optional.empty();
        Map<String, String> persons = new LinkedHashMap<>();
        for (String entry : nonBlank(property, PS_PERSONS).orElse("").split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String username = eq < 0 ? "" : entry.substring(0, eq).strip();
            String hash = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (username.isEmpty() || !hash.startsWith("$argon2id$")) {
                throw new IllegalStateException(
                        PS_PERSONS
                                + ": an entry is not username=<Argon2id hash> (hash with"
                                + " dev.aauth.jakarta.login.PasswordHashes)");
            }
            if (persons.put(username, hash) != null) {
                throw new IllegalStateException(
                        PS_PERSONS + ": person " + username + " is listed twice");
            }
        }
        return new PersonAccounts(demoPerson, persons);
    }

    private static AgentProviderSettings parseAgentProvider(
            Function<String, Optional<String>> property, SecurityMode mode) {
        Optional<String> ps =
                nonBlank(property, AP_PERSON_SERVER)
                        .map(v -> serverIdentifier(AP_PERSON_SERVER, v, mode));
        boolean localhost =
                nonBlank(property, AP_LOCALHOST_CALLBACK_ALLOWED)
                        .map(v -> parseBoolean(AP_LOCALHOST_CALLBACK_ALLOWED, v))
                        .orElse(false);
        Duration lifetime =
                seconds(
                        AP_TOKEN_LIFETIME,
                        nonBlank(property, AP_TOKEN_LIFETIME).orElse("3600"),
                        86_400);
        Map<String, Set<String>> trusted = new LinkedHashMap<>();
        for (String entry : commaList(nonBlank(property, AP_TRUSTED_KEYS).orElse(""))) {
            int eq = entry.indexOf('=');
            String local = eq < 0 ? "" : entry.substring(0, eq).strip();
            String thumbprint = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (!AgentIdentifier.isValid("aauth:" + local + "@example.com", SecurityMode.STRICT)
                    || !thumbprint.matches("[A-Za-z0-9_-]{43}")) {
                throw new IllegalStateException(
                        AP_TRUSTED_KEYS
                                + ": '"
                                + entry
                                + "' is not local=thumbprint (an agent local name and a base64url SHA-256 JWK thumbprint)");
            }
            trusted.computeIfAbsent(local, k -> new LinkedHashSet<>()).add(thumbprint);
        }
        return new AgentProviderSettings(
                nonBlank(property, AP_CLIENT_NAME),
                nonBlank(property, AP_LOGO_URI),
                nonBlank(property, AP_CALLBACK_ENDPOINT)
                        .map(v -> endpointUrl(AP_CALLBACK_ENDPOINT, v, mode)),
                localhost,
                ps,
                lifetime,
                trusted);
    }

    private static PersonServerSettings parsePersonServer(
            Function<String, Optional<String>> property, SecurityMode mode) {
        List<String> scopesSupported =
                scopes(
                        PS_SCOPES_SUPPORTED,
                        nonBlank(property, PS_SCOPES_SUPPORTED).orElse("openid profile email"));
        List<String> claimsSupported =
                List.of(
                        nonBlank(property, PS_CLAIMS_SUPPORTED)
                                .orElse("sub email name")
                                .split("\\s+"));
        Duration lifetime =
                seconds(
                        PS_TOKEN_LIFETIME,
                        nonBlank(property, PS_TOKEN_LIFETIME).orElse("3600"),
                        3600);
        List<String> alwaysAsk =
                scopes(PS_ALWAYS_ASK, property.apply(PS_ALWAYS_ASK).orElse("require:user").strip());
        List<PolicyRule> deny = rules(PS_DENY, nonBlank(property, PS_DENY).orElse(""));
        List<PolicyRule> autonomous =
                rules(PS_AUTONOMOUS, nonBlank(property, PS_AUTONOMOUS).orElse(""));
        Map<String, String> bindings = new LinkedHashMap<>();
        for (String entry : commaList(nonBlank(property, PS_AGENT_BINDINGS).orElse(""))) {
            int eq = entry.lastIndexOf('=');
            String agent = eq < 0 ? "" : entry.substring(0, eq).strip();
            String person = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (!AgentIdentifier.isValid(agent, SecurityMode.DEVELOPMENT) || person.isEmpty()) {
                throw new IllegalStateException(
                        PS_AGENT_BINDINGS + ": '" + entry + "' is not agent=person");
            }
            if (bindings.put(agent, person) != null) {
                throw new IllegalStateException(
                        PS_AGENT_BINDINGS
                                + ": agent "
                                + agent
                                + " is bound twice (an agent belongs to one person)");
            }
        }
        Map<String, String> agentResources = new LinkedHashMap<>();
        for (String entry : commaList(nonBlank(property, PS_AGENT_RESOURCES).orElse(""))) {
            int eq = entry.lastIndexOf('=');
            String agent = eq < 0 ? "" : entry.substring(0, eq).strip();
            String resource = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (!AgentIdentifier.isValid(agent, SecurityMode.DEVELOPMENT)
                    || !ServerIdentifier.isValid(resource, mode)) {
                throw new IllegalStateException(
                        PS_AGENT_RESOURCES + ": '" + entry + "' is not agent=resource");
            }
            agentResources.put(agent, resource);
        }
        return new PersonServerSettings(
                scopesSupported,
                claimsSupported,
                lifetime,
                alwaysAsk,
                deny,
                autonomous,
                bindings,
                nonBlank(property, PS_PAIRWISE_SECRET),
                agentResources,
                seconds(
                        PS_PENDING_LIFETIME,
                        nonBlank(property, PS_PENDING_LIFETIME).orElse("600"),
                        86_400),
                seconds(PS_RETRY_AFTER, nonBlank(property, PS_RETRY_AFTER).orElse("5"), 3600));
    }

    private static List<PolicyRule> rules(String name, String value) {
        try {
            return PolicyRule.parseAll(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw new IllegalStateException(
                            name + ": '" + value + "' is not true or false");
        };
    }

    private static Duration seconds(String name, String value, long max) {
        try {
            long s = Long.parseLong(value);
            if (s >= 1 && s <= max) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(
                name + ": '" + value + "' is not a number of seconds in 1.." + max);
    }

    private static long count(String name, String value, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(name + ": '" + value + "' is not a number in 1.." + max);
    }

    private static Duration millis(String name, String value, long min, long max) {
        try {
            long ms = Long.parseLong(value);
            if (ms >= min && ms <= max) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(
                name + ": '" + value + "' is not a number of milliseconds in " + min + ".." + max);
    }

    /** The stripped value of {@code name}, empty when unset or blank. */
    public static Optional<String> nonBlank(
            Function<String, Optional<String>> property, String name) {
        return property.apply(name).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The non-empty stripped entries of a comma-separated list. */
    public static List<String> commaList(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static Set<String> parseDemoApis(String value) {
        Set<String> apis = new LinkedHashSet<>();
        for (String api : commaList(value)) {
            if (!KNOWN_DEMO_APIS.contains(api)) {
                throw new IllegalStateException(
                        DEMO_APIS
                                + ": unknown demo API '"
                                + api
                                + "'; known: supply-chain, market-analysis");
            }
            apis.add(api);
        }
        return Collections.unmodifiableSet(apis);
    }

    private static SignatureSettings parseSignatures(Function<String, Optional<String>> property) {
        Set<String> schemes =
                new LinkedHashSet<>(
                        commaList(
                                nonBlank(property, RESOURCE_SIGNATURE_KEY_SCHEMES).orElse("jwt")));
        for (String scheme : schemes) {
            if (!VerificationPolicy.ALL_SCHEMES.contains(scheme) || scheme.equals("x509")) {
                throw new IllegalStateException(
                        RESOURCE_SIGNATURE_KEY_SCHEMES
                                + ": unsupported scheme '"
                                + scheme
                                + "'; supported: jwt, jwks_uri, hwk, jkt-jwt");
            }
        }
        if (schemes.isEmpty()) {
            throw new IllegalStateException(
                    RESOURCE_SIGNATURE_KEY_SCHEMES + " must name at least one scheme");
        }
        Set<TokenType> types = EnumSet.noneOf(TokenType.class);
        for (String typ :
                commaList(
                        nonBlank(property, RESOURCE_JWT_TYPES)
                                .orElse("aa-agent+jwt,aa-auth+jwt"))) {
            TokenType t = TokenType.fromTyp(typ);
            if (t == null || t == TokenType.RESOURCE) {
                throw new IllegalStateException(
                        RESOURCE_JWT_TYPES
                                + ": '"
                                + typ
                                + "' is not accepted; use aa-agent+jwt, aa-auth+jwt");
            }
            types.add(t);
        }
        if (schemes.contains("jwt") && types.isEmpty()) {
            throw new IllegalStateException(
                    RESOURCE_JWT_TYPES + " must name a type when the jwt scheme is accepted");
        }
        Duration window =
                nonBlank(property, RESOURCE_SIGNATURE_WINDOW)
                        .map(AAuthConfig::parseWindow)
                        .orElse(VerificationPolicy.DEFAULT_WINDOW);
        List<String> components = new ArrayList<>();
        for (String c : commaList(nonBlank(property, RESOURCE_SIGNATURE_COMPONENTS).orElse(""))) {
            try {
                ComponentIdentifier.of(c);
            } catch (AAuthException | IllegalArgumentException e) {
                throw new IllegalStateException(
                        RESOURCE_SIGNATURE_COMPONENTS
                                + ": '"
                                + c
                                + "' is not a component identifier",
                        e);
            }
            components.add(c);
        }
        return new SignatureSettings(schemes, types, window, components);
    }

    /**
     * A space-separated scope list ({@code name} for the message).
     *
     * @throws IllegalStateException naming {@code name} when a scope is malformed
     */
    public static List<String> scopes(String name, String value) {
        try {
            return Scopes.parse(value);
        } catch (AAuthException e) {
            throw new IllegalStateException(name + ": " + e.detail(), e);
        }
    }

    /**
     * "The {@code token_endpoint}, {@code authorization_endpoint}, {@code mission_endpoint}, and
     * {@code callback_endpoint} values MUST conform to the following" ({@link EndpointUrl}): a
     * value a peer would refuse in the metadata fails the deployment instead.
     */
    private static String endpointUrl(String name, String value, SecurityMode mode) {
        try {
            return EndpointUrl.parse(value, mode).value();
        } catch (AAuthException e) {
            throw new IllegalStateException(
                    name
                            + ": '"
                            + value
                            + "' is not an endpoint URL in "
                            + mode
                            + " mode ("
                            + e.detail()
                            + ")",
                    e);
        }
    }

    /**
     * A server identifier in {@code mode} ({@code name} for the message).
     *
     * @throws IllegalStateException naming {@code name} when it is not one
     */
    public static String serverIdentifier(String name, String value, SecurityMode mode) {
        try {
            return ServerIdentifier.parse(value, mode).value();
        } catch (AAuthException e) {
            throw new IllegalStateException(
                    name
                            + ": '"
                            + value
                            + "' is not a server identifier in "
                            + mode
                            + " mode ("
                            + e.detail()
                            + ")",
                    e);
        }
    }

    private static Duration parseWindow(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(
                RESOURCE_SIGNATURE_WINDOW
                        + ": '"
                        + value
                        + "' is not a number of seconds in 1..3600");
    }

    private static Set<Role> parseRoles(String value) {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String name : value.split(",")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty()) {
                parsed.add(
                        Role.ofConfigName(trimmed)
                                .orElseThrow(
                                        () ->
                                                new IllegalStateException(
                                                        ROLES
                                                                + ": unknown role '"
                                                                + trimmed
                                                                + "'; known: "
                                                                + knownRoles())));
            }
        }
        return Collections.unmodifiableSet(parsed);
    }

    private static String knownRoles() {
        return EnumSet.allOf(Role.class).stream()
                .map(Role::configName)
                .collect(Collectors.joining(","));
    }

    private static SecurityMode parseSecurityMode(String value) {
        try {
            return SecurityMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    SECURITY_MODE + ": unknown mode '" + value + "'; known: STRICT, DEVELOPMENT",
                    e);
        }
    }
}
