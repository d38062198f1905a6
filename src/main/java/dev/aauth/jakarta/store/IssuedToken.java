package dev.aauth.jakarta.store;

import dev.aauth.token.TokenType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A token this server issued, by {@code jti} (table {@code issued_tokens}). */
@Entity(name = "IssuedToken")
@Table(name = "issued_tokens")
public class IssuedToken {

    @Id
    @Column(name = "jti")
    private String jti;

    @Column(name = "issuer", nullable = false)
    private String issuer;

    @Convert(converter = TokenTypeConverter.class)
    @Column(name = "token_type", nullable = false)
    private TokenType tokenType;

    @Column(name = "agent_id", nullable = false)
    private String agentId;

    @Column(name = "audience")
    private String audience;

    @Column(name = "person_id")
    private String personId;

    @Column(name = "scopes")
    private String scopes;

    @Column(name = "issued_at", nullable = false)
    private OffsetDateTime issuedAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "notified_at")
    private OffsetDateTime notifiedAt;

    @Column(name = "notice_attempts", nullable = false)
    private int noticeAttempts;

    @Column(name = "notice_due_at")
    private OffsetDateTime noticeDueAt;

    @Column(name = "notice_error")
    private String noticeError;

    protected IssuedToken() {}

    /**
     * A record of a token about to be handed out.
     *
     * @param audience the {@code aud} (the resource for auth tokens), or {@code null}
     * @param personId the person the token acts for, or {@code null}
     * @param scopes the granted scopes (empty for agent tokens)
     */
    public IssuedToken(
            String jti,
            String issuer,
            TokenType tokenType,
            String agentId,
            String audience,
            String personId,
            Set<String> scopes,
            Instant issuedAt,
            Instant expiresAt) {
        this.jti = Objects.requireNonNull(jti, "jti");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.tokenType = Objects.requireNonNull(tokenType, "tokenType");
        this.agentId = Objects.requireNonNull(agentId, "agentId");
        this.audience = audience;
        this.personId = personId;
        this.scopes = CanonicalScopes.of(scopes);
        this.issuedAt = DbTime.of(Objects.requireNonNull(issuedAt, "issuedAt"));
        this.expiresAt = DbTime.of(Objects.requireNonNull(expiresAt, "expiresAt"));
    }

    public String jti() {
        return jti;
    }

    public String issuer() {
        return issuer;
    }

    public TokenType tokenType() {
        return tokenType;
    }

    public String agentId() {
        return agentId;
    }

    public Optional<String> audience() {
        return Optional.ofNullable(audience);
    }

    public Optional<String> personId() {
        return Optional.ofNullable(personId);
    }

    public Set<String> scopes() {
        return CanonicalScopes.parse(scopes);
    }

    public Instant issuedAt() {
        return DbTime.instant(issuedAt);
    }

    public Instant expiresAt() {
        return DbTime.instant(expiresAt);
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(DbTime.instant(revokedAt));
    }

    /**
     * When the token's resource acknowledged its revocation ({@code revocation_endpoint} answered
     * 2xx).
     */
    public Optional<Instant> notifiedAt() {
        return Optional.ofNullable(DbTime.instant(notifiedAt));
    }

    /** How many times the resource was called about this token's revocation. */
    public int noticeAttempts() {
        return noticeAttempts;
    }

    /** When the next call to the resource is due, while it has not acknowledged. */
    public Optional<Instant> noticeDueAt() {
        return Optional.ofNullable(DbTime.instant(noticeDueAt));
    }

    /** Why the last call to the resource failed, if it did. */
    public Optional<String> noticeError() {
        return Optional.ofNullable(noticeError);
    }
}
