-- A tenant's knowledge articles, one row each, so an edit writes that article alone (they used to live in the
-- knowledge base grain's state, rewritten whole on every edit). The grain still keeps its edit counter in state.
CREATE TABLE bob_knowledge_articles (
    tenant_id  varchar(64) NOT NULL,
    article_id varchar(64) NOT NULL,
    title      text        NOT NULL,
    content    text        NOT NULL,
    tags       text[]      NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, article_id)
);
