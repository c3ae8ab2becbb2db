-- BM25 postings: one row per (chunk, lexeme) with the lexeme's occurrences in the chunk's title (A), section path (B)
-- and in all, and the chunk's length. Lexical search reads the query terms' postings by index instead of unnesting
-- every candidate chunk's tsvector (issue 18: the BM25 leg was the slowest part of a chat turn's search). Written
-- by the index writer in the chunks' transaction; removed with their chunk.
CREATE TABLE chunk_terms (
    tenant_id      text    NOT NULL,
    knowledge_base text    NOT NULL,
    lexeme         text    NOT NULL,
    chunk_id       uuid    NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
    occurrences    integer NOT NULL CHECK (occurrences > 0),
    in_title       integer NOT NULL CHECK (in_title >= 0),
    in_section     integer NOT NULL CHECK (in_section >= 0),
    chunk_length   integer NOT NULL CHECK (chunk_length > 0),
    -- INCLUDE: scoring reads the postings from the index alone.
    PRIMARY KEY (tenant_id, knowledge_base, lexeme, chunk_id) INCLUDE (occurrences, in_title, in_section, chunk_length)
);
-- The cascade from chunks and the scoring join by chunk.
CREATE INDEX chunk_terms_chunk_idx ON chunk_terms (chunk_id);

INSERT INTO chunk_terms (tenant_id, knowledge_base, lexeme, chunk_id, occurrences, in_title, in_section, chunk_length)
SELECT c.tenant_id, c.knowledge_base, u.lexeme, c.id, cardinality(u.weights),
       cardinality(array_positions(u.weights, 'A')), cardinality(array_positions(u.weights, 'B')), length(c.content_tsv)
FROM chunks c, unnest(c.content_tsv) u;
