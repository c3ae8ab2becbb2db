-- Query embeddings shared by every retrieval replica and kept across restarts (issue 18): after a restart the
-- in-memory cache was empty and each question cost an embedding (about 40 ms under load on the single inference
-- thread), so turns were slow for 30 s. Keyed by tenant and the SHA-256 of model and query text: the text itself is
-- not stored. UNLOGGED: a cache needs no WAL, and a crash only empties it. Rows unused for the retention period are
-- pruned by the service (rag.retrieval.query-store.retention).
CREATE UNLOGGED TABLE query_embeddings (
    tenant_id  text               NOT NULL,
    query_hash bytea              NOT NULL,
    model      text               NOT NULL,
    embedding  public.vector      NOT NULL,
    used_at    timestamptz        NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, query_hash)
);
ALTER TABLE query_embeddings ALTER COLUMN embedding SET STORAGE MAIN;
-- The warm-up preloads the most recently used; the pruner deletes the oldest.
CREATE INDEX query_embeddings_model_used_idx ON query_embeddings (model, used_at);
