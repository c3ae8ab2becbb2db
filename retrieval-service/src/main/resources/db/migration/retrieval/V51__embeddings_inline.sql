-- pgvector stores a vector out of line by default (EXTERNAL): every distance the vector search computes first fetched
-- the 1.5 KB vector from the TOAST table, 5 ms for the 291 chunks of the demo knowledge base instead of 0.5 ms inline
-- (issue 18, a chat turn's time to first token). MAIN keeps it in the row unless the row still does not fit after its
-- text is moved out. Rows written from now on; existing ones move in when their document is indexed again (a bulk
-- rewrite here would re-insert every row into the HNSW index).
ALTER TABLE chunks ALTER COLUMN embedding SET STORAGE MAIN;
