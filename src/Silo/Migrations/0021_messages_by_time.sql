-- Usage per day (messages and credits this billing period) reads a tenant's messages by time. This index serves it and
-- the credit meter's sum, so it replaces the partial index that served only the credit sum: one index per append, as before.
CREATE INDEX bob_messages_by_time ON bob_messages (tenant_id, created_at);
DROP INDEX bob_messages_usage;
