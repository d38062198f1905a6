-- Replay cache (issue 12; draft -11 "Freshness and Replay": "a verifier MAY maintain a short-lived
-- cache keyed by (signing-key-thumbprint, created, @method, @authority, @path) for the duration of
-- the window, rejecting duplicate tuples"). One row per signed state-changing request (POST, PUT,
-- PATCH, DELETE ...) a Person Server or Agent Provider endpoint accepted, shared by every instance
-- on this database: a request replayed to another instance finds the row.
-- replay_key: the base64url SHA-256 of the request's verified signature base (dev.aauth.profile.ReplayKey);
-- the INSERT ... ON CONFLICT DO NOTHING on the primary key is the atomic insert-if-absent, on H2
-- (PostgreSQL mode) as on PostgreSQL.
-- expires_at: the epoch second from which the signature's created is outside the window (the row is
-- useless from then on); rows are purged a while after (dev.aauth.jakarta.store.DatabaseReplayCache).
CREATE TABLE replay_cache (
    replay_key VARCHAR(64) NOT NULL,
    expires_at BIGINT      NOT NULL,
    CONSTRAINT replay_cache_pk PRIMARY KEY (replay_key)
);
CREATE INDEX replay_cache_expires_ix ON replay_cache (expires_at);

-- The per-agent cap on open pending requests (aauth.person-server.max-pending-per-agent) counts an
-- agent's open requests on every deferred token request.
CREATE INDEX pending_requests_agent_ix ON pending_requests (agent_id, status);
