-- Webhooks (docs/WEBHOOKS.md, docs/decisions.md "Webhooks").
-- An endpoint's settings live here rather than in grain state, so the transcript's own commit can see in SQL whether
-- anyone subscribed to an event (only then is the event written).
CREATE TABLE bob_webhook_endpoints (
    tenant_id                  varchar(64)   NOT NULL,
    endpoint_id                varchar(64)   NOT NULL,
    url                        varchar(2048) NOT NULL,
    description                text          NOT NULL DEFAULT '',
    events                     text[]        NOT NULL,
    enabled                    boolean       NOT NULL,
    disabled_reason            varchar(32),
    disabled_at                timestamptz,
    failing_since              timestamptz,
    -- Signing secrets, sealed with AES-256-GCM under a key from configuration (never stored here).
    secret                     bytea         NOT NULL,
    previous_secret            bytea,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz   NOT NULL,
    updated_at                 timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, endpoint_id)
);
CREATE UNIQUE INDEX bob_webhook_endpoints_url ON bob_webhook_endpoints (tenant_id, url);

-- The outbox: written in the same transaction (or the same durable step) as the action that caused the event.
-- endpoint_id is set only for an event meant for one endpoint (a test ping).
CREATE TABLE bob_webhook_events (
    event_id    varchar(64) PRIMARY KEY,
    tenant_id   varchar(64) NOT NULL,
    type        varchar(64) NOT NULL,
    created_at  timestamptz NOT NULL,
    payload     text        NOT NULL,
    endpoint_id varchar(64),
    fanned_out  boolean     NOT NULL DEFAULT false
);
CREATE INDEX bob_webhook_events_waiting ON bob_webhook_events (created_at) WHERE NOT fanned_out;
CREATE INDEX bob_webhook_events_age ON bob_webhook_events (created_at);

-- One event on its way to one endpoint. seq orders the log (cursor paging); delivery_id is what the API shows.
CREATE TABLE bob_webhook_deliveries (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id      varchar(64) NOT NULL UNIQUE,
    tenant_id        varchar(64) NOT NULL,
    endpoint_id      varchar(64) NOT NULL,
    event_id         varchar(64) NOT NULL,
    event_type       varchar(64) NOT NULL,
    status           varchar(16) NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    round_attempts   integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_status_code integer,
    last_latency_ms  integer,
    last_error       text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX bob_webhook_deliveries_once ON bob_webhook_deliveries (tenant_id, endpoint_id, event_id);
CREATE INDEX bob_webhook_deliveries_log ON bob_webhook_deliveries (tenant_id, endpoint_id, seq DESC);
CREATE INDEX bob_webhook_deliveries_due ON bob_webhook_deliveries (tenant_id, endpoint_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX bob_webhook_deliveries_overdue ON bob_webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- Every attempt, as the delivery log shows it.
CREATE TABLE bob_webhook_attempts (
    delivery_seq  bigint      NOT NULL REFERENCES bob_webhook_deliveries (seq) ON DELETE CASCADE,
    attempt       integer     NOT NULL,
    attempted_at  timestamptz NOT NULL,
    status_code   integer,
    latency_ms    integer     NOT NULL,
    error         text,
    next_retry_at timestamptz,
    PRIMARY KEY (delivery_seq, attempt)
);
