/**
 * Text embeddings: an in-process ONNX bge-small-en-v1.5 model (default, no network) or any Spring AI
 * {@link org.springframework.ai.embedding.EmbeddingModel}, behind {@link org.supportrag.defaults.embedding.TextEmbedder}.
 */
@NullMarked
package org.supportrag.defaults.embedding;

import org.jspecify.annotations.NullMarked;
