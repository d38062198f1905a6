-- Person tokens this Person Server issued (issue 13, draft -11 "Person Token Endpoint"): "A PS MUST
-- retain a record of each person token it issues — jti, ps, sub, mission_s256, tenant, and exp —
-- sufficient to answer resource token verification", "retained beyond the person token's exp by at
-- least the longest resource token lifetime the PS accepts". A resource token whose presented_jti
-- names no row is unknown_person_token; one whose ps, sub, mission_s256 or tenant differ from the
-- row is refused (dev.aauth.token.TokenVerifier.verifyDraft11ResourceToken).
-- expires_at: the person token's exp (epoch seconds); rows are purged once exp lies more than the
-- retention in the past (dev.aauth.jakarta.store.DatabasePersonTokens).
-- mission_s256, tenant: NULL when the token carried none (matched exactly: NULL only equals NULL).
CREATE TABLE person_tokens (
    jti          VARCHAR(64)  NOT NULL,
    ps           VARCHAR(300) NOT NULL,
    sub          VARCHAR(255) NOT NULL,
    mission_s256 VARCHAR(64),
    tenant       VARCHAR(255),
    expires_at   BIGINT       NOT NULL,
    CONSTRAINT person_tokens_pk PRIMARY KEY (jti)
);
CREATE INDEX person_tokens_expires_ix ON person_tokens (expires_at);
