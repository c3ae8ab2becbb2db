package org.supportrag.generation.prompt;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The regression gate before a prompt version is labelled production, prefix {@code rag.generation.prompt-gate}.
 *
 * @param required false lets every version be labelled production unchecked (a deployment without eval-service)
 * @param evalUrl  base URL of the eval service
 * @param timeout  connect and read timeout of the gate lookup
 */
@ConfigurationProperties("rag.generation.prompt-gate")
record PromptGateProperties(@DefaultValue("true") boolean required,
        @DefaultValue("http://127.0.0.1:8084") URI evalUrl, @DefaultValue("5s") Duration timeout) {
}
