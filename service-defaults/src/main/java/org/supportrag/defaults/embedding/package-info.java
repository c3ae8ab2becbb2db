/**
 * Text embeddings behind {@link org.supportrag.defaults.embedding.TextEmbedder}: an in-process ONNX bge-small-en-v1.5
 * model (default, no network) or any Spring AI {@link org.springframework.ai.embedding.EmbeddingModel}.
 */
@NullMarked
package org.supportrag.defaults.embedding;

import org.jspecify.annotations.NullMarked;
