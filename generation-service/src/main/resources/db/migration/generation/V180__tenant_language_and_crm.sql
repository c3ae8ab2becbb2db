-- A tenant's customer language: the default for texts when a message's language is not recognized (and what the
-- widget starts in); whether the service's texts follow the visitor's language at all.
CREATE TABLE tenant_languages (
    tenant_id                    text        PRIMARY KEY,
    default_language             text        NOT NULL CHECK (default_language IN ('en', 'de')),
    answer_in_visitor_language   boolean     NOT NULL DEFAULT true,
    updated_at                   timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_by                   text        NOT NULL
);

-- A tenant's CRM connector set through the admin API; overrides the operator's rag.generation.crm settings.
-- kind 'none' turns the CRM off for the tenant. The token is write-only (never returned by the API);
-- secret_ref names an environment variable of the generation service instead.
CREATE TABLE tenant_crm_connectors (
    tenant_id    text        PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('none', 'rest')),
    base_url     text,
    api_token    text,
    secret_ref   text,
    tool_calling boolean,
    updated_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_by   text        NOT NULL,
    CHECK (kind = 'none' OR base_url IS NOT NULL)
);
