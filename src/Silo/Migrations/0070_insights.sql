-- Insights are counted as turns commit, in the transcript writer's batch, so reading them touches one row per day
-- (and per first-answer bucket, per unanswered question), never the tenant's messages (see docs/decisions.md).
CREATE TABLE bob_insight_days (
    tenant_id          varchar(64) NOT NULL,
    day                date        NOT NULL,
    conversations      integer     NOT NULL DEFAULT 0,
    answers            integer     NOT NULL DEFAULT 0,
    grounded           integer     NOT NULL DEFAULT 0,
    unanswered         integer     NOT NULL DEFAULT 0,
    handoffs_keyword   integer     NOT NULL DEFAULT 0,
    handoffs_asked     integer     NOT NULL DEFAULT 0,
    handoffs_no_answer integer     NOT NULL DEFAULT 0,
    handoffs_takeover  integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day)
);

-- First-answer times per day as a histogram (bucket widths: 10 ms under 1 s, 100 ms under 10 s, 1 s under 10 min,
-- 1 min beyond), so the median over any range reads days × buckets rows.
CREATE TABLE bob_insight_first_answers (
    tenant_id varchar(64) NOT NULL,
    day       date        NOT NULL,
    bucket    smallint    NOT NULL,
    answers   integer     NOT NULL,
    PRIMARY KEY (tenant_id, day, bucket)
);

-- Visitor questions the assistant could not ground, with their analyzed terms (sorted, distinct) to group paraphrases by.
CREATE TABLE bob_unanswered_questions (
    tenant_id  varchar(64)  NOT NULL,
    session_id varchar(128) NOT NULL,
    message_id varchar(64)  NOT NULL,
    question   text         NOT NULL,
    terms      text         NOT NULL,
    created_at timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX bob_unanswered_questions_by_time ON bob_unanswered_questions (tenant_id, created_at);
