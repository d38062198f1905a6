package dev.aauth.jakarta.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A revoked token of some issuer, kept until it would have expired (table {@code revocations}). */
@Entity(name = "Revocation")
@Table(name = "revocations")
@IdClass(Revocation.Key.class)
public class Revocation {

    @Id
    @Column(name = "issuer")
    private String issuer;

    @Id
    @Column(name = "jti")
    private String jti;

    @Column(name = "revoked_at", nullable = false)
    private OffsetDateTime revokedAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    protected Revocation() {}

    public String issuer() {
        return issuer;
    }

    public String jti() {
        return jti;
    }

    public Instant revokedAt() {
        return DbTime.instant(revokedAt);
    }

    public Instant expiresAt() {
        return DbTime.instant(expiresAt);
    }

    /** The primary key: "the jti is unique within the issuer's namespace". */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String issuer;
        private String jti;

        public Key() {}

        public Key(String issuer, String jti) {
            this.issuer = issuer;
            this.jti = jti;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other
                    && Objects.equals(issuer, other.issuer)
                    && Objects.equals(jti, other.jti);
        }

        @Override
        public int hashCode() {
            return Objects.hash(issuer, jti);
        }
    }
}
