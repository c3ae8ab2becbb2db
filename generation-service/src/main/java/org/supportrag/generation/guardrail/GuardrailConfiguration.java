package org.supportrag.generation.guardrail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.supportrag.defaults.privacy.PiiRedactor;
import org.supportrag.defaults.privacy.Redactor;

/**
 * Publishes the PII redactor as the {@link Redactor} bean other features (the interaction log, provider calls)
 * inject, so every stored or sent text is redacted the same way.
 */
@Configuration(proxyBeanMethods = false)
class GuardrailConfiguration {

    @Bean
    PiiRedactor piiRedactor() {
        return new PiiRedactor();
    }
}
