-- Revocation fan-out (dev.aauth.jakarta.personserver.RevocationNotices): when this Person Server
-- revokes an auth token it issued, it tells the token's resource at its revocation_endpoint. The
-- notice is tracked on the token's row so that a resource that is down is retried (with back-off)
-- until it acknowledges or the token expires, by whichever instance of the issuer gets there first.
ALTER TABLE issued_tokens ADD COLUMN notified_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE issued_tokens ADD COLUMN notice_attempts INTEGER NOT NULL DEFAULT 0;
-- the next attempt is due at this time (set when the token is revoked, moved on by each attempt)
ALTER TABLE issued_tokens ADD COLUMN notice_due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE issued_tokens ADD COLUMN notice_error VARCHAR(512);
ALTER TABLE issued_tokens ADD CONSTRAINT issued_tokens_notice_attempts_ck CHECK (notice_attempts >= 0);
CREATE INDEX issued_tokens_notice_due_ix ON issued_tokens (notice_due_at);

-- Signing-key rotation with pre-publication (dev.aauth.jakarta.keys.StoredKeys): the next key of an
-- issuer is published (status 'next') before it becomes current, so verifiers that cached the JWKS
-- know it by the time it signs. At most one next key per issuer (next_for = issuer, unique).
ALTER TABLE signing_keys ADD COLUMN next_for VARCHAR(1024);
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_one_next_uq UNIQUE (next_for);
ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_status_ck;
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_status_ck CHECK (status IN ('next', 'current', 'previous', 'retired'));
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_next_ck CHECK ((status = 'next' AND next_for = issuer)
    OR (status <> 'next' AND next_for IS NULL));
