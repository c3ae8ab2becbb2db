-- Filterable document attributes (ingestion sends them with each document), a full-text configuration per
-- document language, and the term statistics BM25 needs (IDF and average chunk length per knowledge base).

ALTER TABLE chunks
    ADD COLUMN kind       text,
    ADD COLUMN language   text,
    -- Empty: every caller of the tenant may read the chunk; else only callers in one of these groups.
    ADD COLUMN acl_groups text[]    NOT NULL DEFAULT '{}',
    ADD COLUMN metadata   jsonb     NOT NULL DEFAULT '{}',
    -- The text search configuration of the document's language ('simple' for languages PostgreSQL cannot stem).
    ADD COLUMN ts_config  regconfig NOT NULL DEFAULT 'english';

-- Recomputed from the document's own configuration. Title (A) and section path (B) are kept apart from the body (C)
-- so ranking can weight fields (BM25F-style).
DROP INDEX chunks_content_tsv_idx;
ALTER TABLE chunks DROP COLUMN content_tsv;
ALTER TABLE chunks ADD COLUMN content_tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(ts_config, coalesce(title, '')), 'A')
        || setweight(to_tsvector(ts_config, coalesce(section_path, '')), 'B')
        || setweight(to_tsvector(ts_config, content), 'C')) STORED;
CREATE INDEX chunks_content_tsv_idx ON chunks USING gin (content_tsv);
CREATE INDEX chunks_metadata_idx ON chunks USING gin (metadata jsonb_path_ops);

-- Document frequency of every lexeme per knowledge base (chunks containing it), maintained by the index writer in
-- the same transaction as the chunks.
CREATE TABLE term_stats (
    tenant_id      text    NOT NULL,
    knowledge_base text    NOT NULL,
    lexeme         text    NOT NULL,
    df             integer NOT NULL CHECK (df >= 0),
    PRIMARY KEY (tenant_id, knowledge_base, lexeme)
);

-- Chunks and their total length (distinct lexemes) per knowledge base, for BM25's N and average length.
CREATE TABLE kb_stats (
    tenant_id      text   NOT NULL,
    knowledge_base text   NOT NULL,
    chunks         bigint NOT NULL CHECK (chunks >= 0),
    total_length   bigint NOT NULL CHECK (total_length >= 0),
    PRIMARY KEY (tenant_id, knowledge_base)
);

INSERT INTO term_stats (tenant_id, knowledge_base, lexeme, df)
SELECT c.tenant_id, c.knowledge_base, u.lexeme, count(*)
FROM chunks c, unnest(c.content_tsv) u
GROUP BY c.tenant_id, c.knowledge_base, u.lexeme;

INSERT INTO kb_stats (tenant_id, knowledge_base, chunks, total_length)
SELECT tenant_id, knowledge_base, count(*), sum(length(content_tsv))
FROM chunks
GROUP BY tenant_id, knowledge_base;
