-- Widget visitor sessions: the first widget turn issues a visitor token (128 random bits) that reading the session
-- needs, and so does every later turn when the server minted the session id. Only the token's SHA-256 is kept.
ALTER TABLE bob_conversations
    ADD COLUMN visitor_token_hash varchar(64),
    ADD COLUMN server_minted      boolean NOT NULL DEFAULT false;
