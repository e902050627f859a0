-- Conversations are append-only: a turn inserts its message rows and bumps one summary row,
-- instead of rewriting a growing transcript blob (see docs/decisions.md).
CREATE TABLE bob_conversations (
    tenant_id       varchar(64)  NOT NULL,
    session_id      varchar(128) NOT NULL,
    channel         smallint     NOT NULL,
    status          varchar(16)  NOT NULL,
    title           text,
    persona_id      varchar(64),
    taken_over_by   varchar(64),
    started_at      timestamptz  NOT NULL,
    last_message_at timestamptz  NOT NULL,
    message_count   integer      NOT NULL,
    last_preview    text         NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, session_id)
);
CREATE INDEX bob_conversations_recent ON bob_conversations (tenant_id, last_message_at DESC);

CREATE TABLE bob_messages (
    tenant_id         varchar(64)  NOT NULL,
    session_id        varchar(128) NOT NULL,
    seq               integer      NOT NULL,
    message_id        varchar(64)  NOT NULL,
    client_message_id varchar(128),
    role              smallint     NOT NULL,
    author            varchar(128),
    body              text         NOT NULL,
    citations         jsonb        NOT NULL DEFAULT '[]',
    handoff           boolean      NOT NULL DEFAULT false,
    credits           integer      NOT NULL DEFAULT 0,
    created_at        timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, session_id, seq)
);
-- A client's message id is accepted once per conversation: the database enforces idempotency too.
CREATE UNIQUE INDEX bob_messages_client_id ON bob_messages (tenant_id, session_id, client_message_id) WHERE client_message_id IS NOT NULL;
CREATE INDEX bob_messages_usage ON bob_messages (tenant_id, created_at) WHERE credits > 0;
