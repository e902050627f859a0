-- Visitors' and agents' client message ids come from different clients (widget/console), so each role has its
-- own idempotency scope: an agent reusing a visitor's id (or the reverse) is a new message, not a duplicate.
DROP INDEX bob_messages_client_id;
CREATE UNIQUE INDEX bob_messages_client_id ON bob_messages (tenant_id, session_id, role, client_message_id) WHERE client_message_id IS NOT NULL;
