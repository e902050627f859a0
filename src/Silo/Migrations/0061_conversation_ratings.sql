-- A visitor's one-question rating of a whole conversation (1..5), asked when they close the panel after an answer:
-- one row per conversation, the latest rating wins.
CREATE TABLE bob_conversation_ratings (
    tenant_id  varchar(64)  NOT NULL,
    session_id varchar(128) NOT NULL,
    score      smallint     NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment    text,
    created_at timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, session_id)
);
CREATE INDEX bob_conversation_ratings_by_time ON bob_conversation_ratings (tenant_id, created_at);
