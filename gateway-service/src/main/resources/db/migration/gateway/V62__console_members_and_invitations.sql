-- Console users of the configured OIDC issuer who belong to a tenant by invitation rather than by a claim in their
-- token: the invitation a tenant admin sends (by e-mail address, with roles), and the membership its acceptance on
-- the invitee's first sign-in creates (by issuer and subject, which never change, unlike an e-mail address).
CREATE TABLE console_invitations (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email       text        NOT NULL CHECK (email = lower(email)),
    roles       text[]      NOT NULL,
    invited_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by text,
    revoked_at  timestamptz
);

-- One open invitation per address and tenant.
CREATE UNIQUE INDEX console_invitations_open_idx ON console_invitations (tenant_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE console_members (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    issuer        text        NOT NULL,
    subject       text        NOT NULL,
    email         text,
    roles         text[]      NOT NULL,
    invitation_id uuid        REFERENCES console_invitations (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- An identity belongs to one tenant by invitation.
    UNIQUE (issuer, subject)
);

CREATE INDEX console_members_tenant_idx ON console_members (tenant_id, created_at);
