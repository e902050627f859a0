-- One row per grain state. The primary key is the grain's identity, so a second row for the same
-- grain cannot exist (upstream's table has no such key, and one duplicate breaks every later write).
-- version is the ETag: every write must name the version it read.
CREATE TABLE orleans_storage (
    service_id         varchar(150) NOT NULL,
    grain_type         varchar(512) NOT NULL,
    grain_id_n0        bigint       NOT NULL,
    grain_id_n1        bigint       NOT NULL,
    grain_id_extension varchar(512) NOT NULL,
    payload            bytea,
    version            integer      NOT NULL,
    modified_at        timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '');
$q$),
-- A first write (no version) inserts version 1; a later one must match the stored version.
-- Zero rows back means the ETag did not match, which Orleans reports as InconsistentStateException.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
    SET payload = CAST(@PayloadBinary AS bytea), version = version + 1, modified_at = now()
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           COALESCE(CAST(@GrainIdExtensionString AS varchar), ''), CAST(@PayloadBinary AS bytea), 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted;
$q$),
-- Clearing keeps the row (payload NULL) so the version keeps counting and a stale writer still loses.
('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS varchar), '')
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version;
$q$);
