package org.supportrag.eval.generation;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where eval reads turns and conversations, prefix {@code rag.eval}.
 *
 * @param generationUrl generation service base URL
 * @param generationReadTimeout how long one page of the interaction log may take
 */
@ConfigurationProperties("rag.eval")
record GenerationPeer(@DefaultValue("http://127.0.0.1:8083") URI generationUrl,
        @DefaultValue("30s") Duration generationReadTimeout) {
}
