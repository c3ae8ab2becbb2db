-- Issue 3, second part: durable jobs, the chunk table, document attributes, change outbox, settings per knowledge base.

ALTER TABLE ingestion.documents
    DROP CONSTRAINT documents_kind_check,
    ADD CONSTRAINT documents_kind_check
        CHECK (kind IN ('markdown', 'text', 'pdf', 'html', 'code', 'email', 'docx', 'odt', 'rtf', 'pptx', 'xlsx',
                        'ticket', 'rows', 'contract')),
    -- ISO 639-1, detected from the text; null when too short or unclear.
    ADD COLUMN language   text,
    ADD COLUMN tags       text[] NOT NULL DEFAULT '{}',
    -- Groups allowed to read the document; empty: everyone of the tenant.
    ADD COLUMN acl_groups text[] NOT NULL DEFAULT '{}',
    ADD COLUMN metadata   jsonb  NOT NULL DEFAULT '{}';

-- The chunks as indexed (their embeddings and full-text vectors live in retrieval's index under the same document id
-- and ordinal). Replaced together with the document row, in one transaction.
CREATE TABLE ingestion.chunks (
    tenant_id    text    NOT NULL,
    document_id  uuid    NOT NULL REFERENCES ingestion.documents (id) ON DELETE CASCADE,
    ordinal      integer NOT NULL CHECK (ordinal >= 0),
    text         text    NOT NULL,
    section_path text    NOT NULL,
    page         integer,
    -- Character offsets of the chunk in the extracted text (of its page for PDFs); null when not found verbatim.
    start_offset integer,
    end_offset   integer,
    token_count  integer NOT NULL,
    PRIMARY KEY (document_id, ordinal)
);

-- An ingestion job: one request (upload, folder import, URL import) and its files.
CREATE TABLE ingestion.jobs (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    knowledge_base text        NOT NULL,
    -- Workers only take items of their own queue (separate deployments, tests).
    queue          text        NOT NULL,
    source         text        NOT NULL CHECK (source IN ('upload', 'folder', 'url')),
    created_by     text        NOT NULL,
    -- Per-job options: kind override, ACL groups, tags.
    options        jsonb       NOT NULL DEFAULT '{}',
    cancelled_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_tenant_kb_idx ON ingestion.jobs (tenant_id, knowledge_base, created_at DESC);

-- One file (or URL) of a job; the unit workers claim with FOR UPDATE SKIP LOCKED under a lease.
CREATE TABLE ingestion.job_items (
    id              bigserial   PRIMARY KEY,
    job_id          uuid        NOT NULL REFERENCES ingestion.jobs (id) ON DELETE CASCADE,
    tenant_id       text        NOT NULL,
    queue           text        NOT NULL,
    ordinal         integer     NOT NULL,
    name            text        NOT NULL,
    -- The bytes to ingest (uploads, archive entries, folder files); dropped once the item is finished.
    content         bytea,
    url             text,
    state           text        NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'dead', 'cancelled')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    locked_by       text,
    locked_until    timestamptz,
    -- Per-document outcomes (JSON array) once done; the error of a failed or dead item.
    result          jsonb,
    error           text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (job_id, ordinal)
);
CREATE INDEX job_items_claimable_idx ON ingestion.job_items (queue, next_attempt_at)
    WHERE state IN ('queued', 'running');

-- Document change events for generation's answer cache, sent after commit by a publisher with retries.
CREATE TABLE ingestion.change_outbox (
    id              bigserial   PRIMARY KEY,
    tenant_id       text        NOT NULL,
    queue           text        NOT NULL,
    knowledge_base  text        NOT NULL,
    document_ids    uuid[]      NOT NULL,
    change          text        NOT NULL CHECK (change IN ('updated', 'deleted')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    -- Set when the attempts ran out: kept for inspection, no longer sent.
    dead_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_outbox_due_idx ON ingestion.change_outbox (queue, next_attempt_at) WHERE dead_at IS NULL;

-- Chunking and structured-row settings per knowledge base (JSON, validated by the service).
CREATE TABLE ingestion.knowledge_base_settings (
    tenant_id      text        NOT NULL,
    knowledge_base text        NOT NULL,
    settings       jsonb       NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, knowledge_base)
);
