-- Tenants managed through the platform API: suspension refuses the tenant's keys; deletion removes the tenant's
-- gateway rows at once and is remembered here (the audit trail and the id's reuse block stay after the row is gone).
ALTER TABLE tenants ADD COLUMN suspended_at timestamptz;

CREATE TABLE tenant_deletions (
    tenant_id    text PRIMARY KEY,
    name         text        NOT NULL,
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    -- Services that still hold the tenant's data and have not confirmed its removal.
    pending_services text[]  NOT NULL DEFAULT '{}'
);

-- Platform operators' own keys live in this reserved tenant (api_keys needs one); it is never listed nor managed
-- through the tenants API, and its keys only ever hold the platform-operator role.
INSERT INTO tenants (id, name) VALUES ('platform', 'Platform operators') ON CONFLICT (id) DO NOTHING;

-- Each bootstrap credential works once: its hash is kept when it is used (or disabled), so setting a new secret
-- value is the only way to get in that way again.
CREATE TABLE bootstrap_uses (
    credential_hash text PRIMARY KEY CHECK (credential_hash ~ '^[0-9a-f]{64}$'),
    used_at         timestamptz NOT NULL DEFAULT now(),
    tenant_id       text
);

-- Widget keys managed through the admin API: a stable id (the hash never leaves the database), a label, who made
-- it, and when a rotated key stops working (the overlap lets pages with the old key be updated).
ALTER TABLE widget_keys
    ADD COLUMN id         uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN name       text,
    ADD COLUMN created_by text,
    ADD COLUMN expires_at timestamptz,
    ADD COLUMN replaced_by uuid;

ALTER TABLE widget_keys ADD CONSTRAINT widget_keys_id_key UNIQUE (id);
