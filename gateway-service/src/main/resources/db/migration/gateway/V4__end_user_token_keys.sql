-- How each tenant's own site signs its visitors' identity (X-User-Token): an HS256 shared secret, or an RS256/ES256
-- public key (PEM) or JWKS URL. One key configuration per tenant; optional issuer and audience the tokens must name.
-- The HS256 secret must be readable to verify with, so it is stored as given: treat this table as secret.
CREATE TABLE end_user_token_keys (
    tenant_id      text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    algorithm      text        NOT NULL CHECK (algorithm IN ('HS256', 'RS256', 'ES256')),
    shared_secret  text,
    public_key_pem text,
    jwks_url       text,
    issuer         text,
    audience       text,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (CASE WHEN algorithm = 'HS256'
                THEN shared_secret IS NOT NULL AND octet_length(shared_secret) >= 32
                     AND public_key_pem IS NULL AND jwks_url IS NULL
                ELSE shared_secret IS NULL AND (public_key_pem IS NOT NULL) <> (jwks_url IS NOT NULL) END)
);
