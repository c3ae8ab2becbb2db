-- Tenants and the keys that authenticate callers at the public gateway. Keys are stored only as the SHA-256 hex
-- digest of the key; revoking sets revoked_at (rows stay for audit).

CREATE TABLE tenants (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Public keys embedded in web pages: grant the customer role, only from the listed browser origins.
CREATE TABLE widget_keys (
    key_hash        text PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    tenant_id       text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    allowed_origins text[]      NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz
);

CREATE INDEX widget_keys_tenant_idx ON widget_keys (tenant_id);

-- Secret server-side keys (admin tools, CI, metrics scrapers) with explicit roles.
CREATE TABLE api_keys (
    key_hash   text PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    tenant_id  text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       text        NOT NULL,
    roles      text[]      NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);
