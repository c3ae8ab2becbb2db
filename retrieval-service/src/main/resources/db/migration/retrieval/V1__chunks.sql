-- Chunks of indexed documents with their dense embeddings. Every query filters by tenant_id, which always comes
-- from the caller's internal token.

-- A no-op where the provisioning script already created it (as superuser) in schema public.
CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;

CREATE TABLE chunks (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    knowledge_base text        NOT NULL,
    document_id    uuid        NOT NULL,
    ordinal        integer     NOT NULL CHECK (ordinal >= 0),
    title          text        NOT NULL,
    source_uri     text,
    section_path   text,
    content        text        NOT NULL,
    token_count    integer     NOT NULL CHECK (token_count >= 0),
    -- Must match rag.embedding.dimensions; the service checks this at startup.
    embedding      public.vector(384) NOT NULL,
    -- For hybrid (keyword + dense) search: title outranks section path outranks body.
    content_tsv    tsvector    GENERATED ALWAYS AS (
                       setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
                       || setweight(to_tsvector('english'::regconfig, coalesce(section_path, '')), 'B')
                       || setweight(to_tsvector('english'::regconfig, content), 'C')) STORED,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chunks_document_ordinal_key UNIQUE (tenant_id, document_id, ordinal)
);

CREATE INDEX chunks_embedding_hnsw_idx ON chunks
    USING hnsw (embedding public.vector_cosine_ops) WITH (m = 16, ef_construction = 64);

CREATE INDEX chunks_content_tsv_idx ON chunks USING gin (content_tsv);

CREATE INDEX chunks_tenant_kb_idx ON chunks (tenant_id, knowledge_base);

-- Per-document lookups (replace, delete) use the unique constraint's index, whose leading columns are
-- (tenant_id, document_id): a separate index on those two would only slow down writes.
