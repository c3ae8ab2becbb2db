-- One row per uploaded document; the chunks and vectors live in the retrieval service's index.
CREATE TABLE ingestion.documents (
    id                uuid        PRIMARY KEY,
    tenant_id         text        NOT NULL,
    knowledge_base    text        NOT NULL,
    -- The file name / path as uploaded: re-uploading the same name replaces the document (same id, version + 1).
    source_uri        text        NOT NULL,
    title             text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('markdown', 'text')),
    -- sha-256 hex of the normalized content: an identical re-upload is a no-op.
    content_hash      text        NOT NULL,
    -- Embedding model and chunking settings the index was built with: changing either re-indexes on re-upload.
    index_fingerprint text        NOT NULL,
    version           integer     NOT NULL CHECK (version > 0),
    chunk_count       integer     NOT NULL CHECK (chunk_count >= 0),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT documents_source_key UNIQUE (tenant_id, knowledge_base, source_uri)
);
