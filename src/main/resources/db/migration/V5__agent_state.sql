-- The agent side (issue 6). agent_pending_calls: the deferred responses: token requests of this deployment's agents that a
-- Person Server answered 202, kept until they end, so an agent resumes polling after a restart.
-- Nothing secret: the pending URL, what the auth token must be verified against, where to cache it.
-- The PS finds a pending request by the polling agent's identifier and mints for its current key,
-- so the agent's new key after a restart is enough.
CREATE TABLE agent_pending_calls (
    id               VARCHAR(64)   NOT NULL,
    agent_id         VARCHAR(512)  NOT NULL,
    -- what the application does once it has the token (the demo: 'orders')
    action           VARCHAR(64)   NOT NULL,
    location         VARCHAR(2048) NOT NULL,
    resource         VARCHAR(1024) NOT NULL,
    expected_issuer  VARCHAR(1024) NOT NULL,
    -- space-separated
    scope            VARCHAR(4096) NOT NULL,
    method           VARCHAR(16)   NOT NULL,
    path             VARCHAR(2048) NOT NULL,
    upstream_key     VARCHAR(64)   NOT NULL,
    interaction_url  VARCHAR(2048),
    interaction_code VARCHAR(256),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- after this the agent has given up (aauth.agent.pending-timeout)
    give_up_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT agent_pending_calls_pk PRIMARY KEY (id)
);
CREATE INDEX agent_pending_calls_agent_ix ON agent_pending_calls (agent_id);

-- The current short-lived key and agent token of each agent of this deployment, so a restarted
-- agent keeps signing with the key its pending requests are bound to ("requests bound to the signing
-- key" at the Person Server). A secret, like the server signing keys of V1: the database is trusted
-- with keys. One row per agent; replaced at each renewal.
CREATE TABLE agent_credentials (
    agent_owner  VARCHAR(1024) NOT NULL,
    private_jwk  VARCHAR(4096) NOT NULL,
    agent_token  VARCHAR(16384) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT agent_credentials_pk PRIMARY KEY (agent_owner)
);
