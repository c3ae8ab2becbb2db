-- As retrieval's V51: the cached questions' vectors in the row (MAIN) instead of out of line (pgvector's EXTERNAL
-- default), so the nearest-question lookup computes its distances without a TOAST fetch per entry. Rows written
-- from now on; cache entries expire and are written again.
ALTER TABLE answer_cache ALTER COLUMN question_embedding SET STORAGE MAIN;
