-- Versioned prompt templates (StringTemplate, '{' '}' delimiters). tenant_id NULL is the global default; a tenant's
-- rows override it for that tenant only. Versions are immutable once written.
CREATE TABLE prompt_templates (
    name       text        NOT NULL,
    tenant_id  text,
    version    integer     NOT NULL CHECK (version > 0),
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_by text        NOT NULL
);

-- COALESCE: NULL tenant ids would never conflict in a plain unique index.
CREATE UNIQUE INDEX prompt_templates_scope_version_idx ON prompt_templates (name, COALESCE(tenant_id, ''), version);

-- Where each label (production, canary, ...) points now, per name and scope.
CREATE TABLE prompt_labels (
    name       text        NOT NULL,
    tenant_id  text,
    label      text        NOT NULL CHECK (label ~ '^[a-z][a-z-]{0,39}$'),
    version    integer     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_by text        NOT NULL
);

CREATE UNIQUE INDEX prompt_labels_scope_label_idx ON prompt_labels (name, COALESCE(tenant_id, ''), label);

-- Every move of a label, kept for audit; a rollback marks the entry it undoes instead of deleting it.
CREATE TABLE prompt_label_history (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    tenant_id   text,
    label       text        NOT NULL,
    version     integer     NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    changed_by  text        NOT NULL,
    rolled_back boolean     NOT NULL DEFAULT false
);

CREATE INDEX prompt_label_history_scope_idx ON prompt_label_history (name, COALESCE(tenant_id, ''), label, id DESC);

-- Share of new conversations answered with the canary label, globally (tenant_id NULL) or per tenant.
CREATE TABLE prompt_settings (
    tenant_id      text,
    canary_percent integer     NOT NULL CHECK (canary_percent BETWEEN 0 AND 100),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_by     text        NOT NULL
);

CREATE UNIQUE INDEX prompt_settings_scope_idx ON prompt_settings (COALESCE(tenant_id, ''));

-- The A/B arm a conversation was assigned when it started; NULL for conversations older than prompt management.
ALTER TABLE conversations ADD COLUMN prompt_variant text CHECK (prompt_variant IN ('production', 'canary'));

-- The templates an assistant message was written with, e.g. {"answer-system": 2, "answer-user": 1}; NULL offline.
ALTER TABLE messages ADD COLUMN prompt_versions jsonb;
