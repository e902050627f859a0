-- Insights counters by writer shard. Every transcript writer (two per silo) adds its turns to its own shard's row of a
-- tenant's day, so two commits in flight never wait for each other's row lock; with one row per tenant and day the second
-- writer waited for the first one's commit, and two batches locking tenants in opposite orders deadlocked until
-- PostgreSQL's deadlock_timeout (1 s) broke one (issue 19). Readers sum the shards and the unsharded tables, which an
-- earlier release keeps writing while a release rolls; migrations only add.
CREATE TABLE bob_insight_day_shards (
    tenant_id          varchar(64) NOT NULL,
    day                date        NOT NULL,
    shard              smallint    NOT NULL,
    conversations      integer     NOT NULL DEFAULT 0,
    answers            integer     NOT NULL DEFAULT 0,
    grounded           integer     NOT NULL DEFAULT 0,
    unanswered         integer     NOT NULL DEFAULT 0,
    handoffs_keyword   integer     NOT NULL DEFAULT 0,
    handoffs_asked     integer     NOT NULL DEFAULT 0,
    handoffs_no_answer integer     NOT NULL DEFAULT 0,
    handoffs_takeover  integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, shard)
);

CREATE TABLE bob_insight_first_answer_shards (
    tenant_id varchar(64) NOT NULL,
    day       date        NOT NULL,
    bucket    smallint    NOT NULL,
    shard     smallint    NOT NULL,
    answers   integer     NOT NULL,
    PRIMARY KEY (tenant_id, day, bucket, shard)
);
