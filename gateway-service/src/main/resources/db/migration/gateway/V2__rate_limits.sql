-- Token buckets shared by all gateway replicas (Bucket4j's PostgreSQL proxy manager; column names are its
-- defaults). state is Bucket4j's serialized bucket; expires_at (epoch millis) lets expired buckets be swept.
CREATE TABLE rate_limit_buckets (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);

CREATE INDEX rate_limit_buckets_expires_at_idx ON rate_limit_buckets (expires_at);

-- Per-tenant overrides of the rag.gateway.rate-limits defaults, in requests per rag.gateway.rate-limits.period.
-- A NULL column keeps the default. Gateways re-read a row within rag.gateway.rate-limits.overrides-cache-ttl.
CREATE TABLE tenant_rate_limits (
    tenant_id  text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    widget_key integer CHECK (widget_key > 0),
    tenant     integer CHECK (tenant > 0),
    client_ip  integer CHECK (client_ip > 0),
    end_user   integer CHECK (end_user > 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);
