-- The platform admin's tenant list. Each tenant grain is the record; this is its searchable copy, written by the
-- grain when the tenant is created and on every plan or status change (existing tenants are listed at silo start).
CREATE TABLE bob_tenants (
    tenant_id         varchar(64)  PRIMARY KEY,
    name              text         NOT NULL,
    plan              varchar(32)  NOT NULL,
    pricebook_version integer      NOT NULL,
    status            varchar(16)  NOT NULL,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL
);
CREATE INDEX bob_tenants_newest ON bob_tenants (created_at DESC, tenant_id);
