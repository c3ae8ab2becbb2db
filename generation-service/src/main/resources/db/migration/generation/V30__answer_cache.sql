-- Semantic answer cache: answers to first-turn questions, reused for the same or a reworded question. A hit needs
-- the same tenant, knowledge base, ACL groups and prompt version (the key columns); every query filters on them.

-- A no-op where the provisioning script already created it (as superuser) in schema public.
CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;

CREATE TABLE answer_cache (
    id                  uuid             PRIMARY KEY,
    tenant_id           text             NOT NULL,
    knowledge_base      text             NOT NULL,
    -- Sorted, comma-joined ACL groups of the caller: answers cite only chunks those groups may read.
    acl_key             text             NOT NULL,
    -- Prompt template versions (or "offline") the answer was written with.
    prompt_version      text             NOT NULL,
    normalized_question text             NOT NULL,
    question            text             NOT NULL,
    -- Must match rag.embedding.dimensions; bge-small question embedding without query instruction.
    question_embedding  public.vector(384) NOT NULL,
    answer              text             NOT NULL,
    citations           jsonb            NOT NULL,
    -- Documents the citations point into, for invalidation when one changes.
    cited_document_ids  uuid[]           NOT NULL,
    confidence          double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    model               text             NOT NULL,
    -- What writing the answer cost: what each hit saves.
    cost_usd            double precision NOT NULL DEFAULT 0,
    hits                bigint           NOT NULL DEFAULT 0,
    created_at          timestamptz      NOT NULL DEFAULT now(),
    expires_at          timestamptz      NOT NULL
);

CREATE UNIQUE INDEX answer_cache_exact_idx
    ON answer_cache (tenant_id, knowledge_base, acl_key, prompt_version, normalized_question);
-- Semantic lookups scan one key's entries (few per key) exactly; no ANN index needed at this size per key.
CREATE INDEX answer_cache_key_idx ON answer_cache (tenant_id, knowledge_base, acl_key, prompt_version);
CREATE INDEX answer_cache_documents_idx ON answer_cache USING gin (cited_document_ids);
CREATE INDEX answer_cache_expires_idx ON answer_cache (expires_at);
