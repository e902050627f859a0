-- A tenant's audit log: append-only, numbered 1, 2, 3… per tenant by its audit grain (see docs/decisions.md).
CREATE TABLE bob_audit (
    tenant_id    varchar(64)  NOT NULL,
    seq          bigint       NOT NULL,
    at           timestamptz  NOT NULL,
    actor_type   varchar(16)  NOT NULL,
    actor_id     varchar(128),
    actor_email  varchar(320),
    action       varchar(64)  NOT NULL,
    target_type  varchar(32)  NOT NULL,
    target_id    varchar(128) NOT NULL,
    before       jsonb,
    after        jsonb,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX bob_audit_by_action ON bob_audit (tenant_id, action, seq DESC);
CREATE INDEX bob_audit_by_actor ON bob_audit (tenant_id, actor_id, seq DESC);
CREATE INDEX bob_audit_by_time ON bob_audit (tenant_id, at);

-- No API edits or deletes an entry, and neither can a stray statement: the table refuses both.
CREATE FUNCTION bob_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'bob_audit is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER bob_audit_append_only BEFORE UPDATE OR DELETE ON bob_audit
    FOR EACH ROW EXECUTE FUNCTION bob_audit_refuse_change();
CREATE TRIGGER bob_audit_no_truncate BEFORE TRUNCATE ON bob_audit
    FOR EACH STATEMENT EXECUTE FUNCTION bob_audit_refuse_change();
