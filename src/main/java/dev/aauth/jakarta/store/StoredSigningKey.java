package dev.aauth.jakarta.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/** An issuer's signing key as stored (table {@code signing_keys}): the private JWK as JSON. */
@Entity(name = "StoredSigningKey")
@Table(name = "signing_keys")
@IdClass(StoredSigningKey.Key.class)
public class StoredSigningKey {

    @Id
    @Column(name = "issuer")
    private String issuer;

    @Id
    @Column(name = "kid")
    private String kid;

    @Column(name = "private_jwk", nullable = false)
    private String privateJwk;

    @Convert(converter = KeyStatus.ColumnConverter.class)
    @Column(name = "status", nullable = false)
    private KeyStatus status;

    @Column(name = "current_for")
    private String currentFor;

    @Column(name = "next_for")
    private String nextFor;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "retire_after")
    private OffsetDateTime retireAfter;

    protected StoredSigningKey() {}

    public String issuer() {
        return issuer;
    }

    public String kid() {
        return kid;
    }

    /** The private key as a JWK JSON object. */
    public String privateJwk() {
        return privateJwk;
    }

    public KeyStatus status() {
        return status;
    }

    public Instant createdAt() {
        return DbTime.instant(createdAt);
    }

    /** For a previous key: when the last token it signed expires; it is retired afterwards. */
    public Optional<Instant> retireAfter() {
        return Optional.ofNullable(DbTime.instant(retireAfter));
    }

    /** The primary key: issuer and {@code kid}. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String issuer;
        private String kid;

        public Key() {}

        public Key(String issuer, String kid) {
            this.issuer = issuer;
            this.kid = kid;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other
                    && Objects.equals(issuer, other.issuer)
                    && Objects.equals(kid, other.kid);
        }

        @Override
        public int hashCode() {
            return Objects.hash(issuer, kid);
        }
    }
}
