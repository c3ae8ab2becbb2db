-- Demo tenant for the local profile ONLY (application-local.yml adds this location); never part of a deployment.
-- Idempotent: re-applied whenever this file or the public origin placeholder changes.

INSERT INTO tenants (id, name)
VALUES ('demo', 'Parcelly (demo)')
ON CONFLICT (id) DO NOTHING;

INSERT INTO widget_keys (key_hash, tenant_id, allowed_origins)
VALUES (encode(sha256(convert_to('demo-widget-key', 'UTF8')), 'hex'), 'demo',
        ARRAY(SELECT DISTINCT origin
                FROM unnest(ARRAY['${gateway_public_origin}', 'http://localhost:8080', 'http://127.0.0.1:8080']) AS origin
               WHERE origin <> ''))
ON CONFLICT (key_hash) DO UPDATE
    SET tenant_id = EXCLUDED.tenant_id, allowed_origins = EXCLUDED.allowed_origins, revoked_at = NULL,
        expires_at = NULL, replaced_by = NULL;

INSERT INTO api_keys (key_hash, tenant_id, name, roles)
VALUES (encode(sha256(convert_to('demo-admin-key', 'UTF8')), 'hex'), 'demo', 'Demo admin', ARRAY['admin'])
ON CONFLICT (key_hash) DO UPDATE
    SET tenant_id = EXCLUDED.tenant_id, name = EXCLUDED.name, roles = EXCLUDED.roles, revoked_at = NULL;
