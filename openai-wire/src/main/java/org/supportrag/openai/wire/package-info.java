/**
 * The OpenAI Chat Completions wire format as typed Jackson records: one definition for every part of SupportRAG
 * that speaks it (generation-service's {@code /v1/chat/completions} and the OpenAI stub used by tests).
 */
@NullMarked
package org.supportrag.openai.wire;

import org.jspecify.annotations.NullMarked;
