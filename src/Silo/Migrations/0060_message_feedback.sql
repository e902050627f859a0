-- Visitors' ratings of assistant answers: one row per rated answer (the latest rating wins).
CREATE TABLE bob_message_feedback (
    tenant_id  varchar(64)  NOT NULL,
    session_id varchar(128) NOT NULL,
    message_id varchar(64)  NOT NULL,
    rating     smallint     NOT NULL CHECK (rating IN (-1, 1)),
    comment    text,
    created_at timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, session_id, message_id)
);
CREATE INDEX bob_message_feedback_by_time ON bob_message_feedback (tenant_id, created_at);
