-- A second purge of a deleted tenant's data, once every job that was running at deletion time has ended: an
-- ingestion job already under way can still write the tenant's chunks after its service confirmed the first pass.
ALTER TABLE tenant_deletions ADD COLUMN final_pass_at timestamptz;
