-- Who a widget conversation's visitor is, when the business's server signed it (verified identity): written once, with
-- the turn that opens the conversation. The second index lists a signed-in visitor's conversations on any device.
CREATE TABLE bob_conversation_visitors (
    tenant_id  varchar(64)  NOT NULL,
    session_id varchar(128) NOT NULL,
    user_id    varchar(128) NOT NULL,
    email      varchar(254),
    name       varchar(200),
    started_at timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, session_id)
);
CREATE INDEX bob_conversation_visitors_by_user ON bob_conversation_visitors (tenant_id, user_id, started_at DESC);
