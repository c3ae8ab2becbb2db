package org.supportrag.retrieval;

import lombok.RequiredArgsConstructor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.embedding.TextEmbedder;

/**
 * Fails startup when the configured embedding model's vector length differs from the index column's: otherwise
 * every index and search request would fail one by one.
 */
@Component
@RequiredArgsConstructor
class EmbeddingDimensionsCheck implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final TextEmbedder embedder;

    @Override
    public void run(ApplicationArguments args) {
        // pgvector stores a vector column's dimensions as its type modifier.
        int column = jdbc.sql("""
                SELECT atttypmod FROM pg_attribute
                WHERE attrelid = 'retrieval.chunks'::regclass AND attname = 'embedding'
                """).query(Integer.class).single();
        if (column != embedder.dimensions()) {
            throw new IllegalStateException("Embedding model " + embedder.modelId() + " produces "
                    + embedder.dimensions() + " dimensions but retrieval.chunks.embedding holds " + column
                    + ": add a migration for the new model or configure rag.embedding to match");
        }
    }
}
