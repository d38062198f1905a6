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
