-- Conversations and their messages; every read and write is scoped by tenant_id.
CREATE TABLE conversations (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    knowledge_base text        NOT NULL,
    -- Verified CRM customer id of a widget end user; null for anonymous visitors and service callers.
    customer_ref   text,
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX conversations_tenant_updated_idx ON conversations (tenant_id, updated_at DESC);

CREATE TABLE messages (
    id                uuid             PRIMARY KEY,
    conversation_id   uuid             NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    tenant_id         text             NOT NULL,
    role              text             NOT NULL CHECK (role IN ('user', 'assistant')),
    content           text             NOT NULL,
    citations         jsonb            NOT NULL DEFAULT '[]'::jsonb,
    -- Guardrail and answer-quality signals raised for an assistant message, e.g. ["low_confidence"].
    flags             jsonb            NOT NULL DEFAULT '[]'::jsonb,
    confidence        double precision CHECK (confidence BETWEEN 0 AND 1),
    model             text,
    prompt_tokens     integer          NOT NULL DEFAULT 0,
    completion_tokens integer          NOT NULL DEFAULT 0,
    trace_id          text,
    -- clock_timestamp(), not now(): two messages written in one transaction must still order.
    created_at        timestamptz      NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX messages_tenant_conversation_created_idx ON messages (tenant_id, conversation_id, created_at);
