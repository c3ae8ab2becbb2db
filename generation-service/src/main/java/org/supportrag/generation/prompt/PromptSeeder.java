package org.supportrag.generation.prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Stores the bundled {@code prompts/<name>.st} as global version 1, labelled production, when a template has no
 * global version yet. Later edits of the resources do not change the database: publish them as a new version.
 */
@Component
@RequiredArgsConstructor
class PromptSeeder implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PromptSeeder.class);

    private final PromptRepository prompts;
    private final ResourceLoader resources;

    @Override
    public void afterPropertiesSet() {
        for (String name : PromptNames.all()) {
            String body = bundled(resources, name);
            if (!PromptTemplates.validate(name, body).isEmpty()) {
                throw new IllegalStateException("Bundled prompt template " + name + " is invalid: "
                        + PromptTemplates.validate(name, body));
            }
            if (prompts.seedGlobal(name, body)) {
                log.info("Seeded prompt template {} version 1 from the bundled resource", name);
            }
        }
    }

    static String bundled(ResourceLoader resources, String name) {
        try {
            return resources.getResource("classpath:prompts/" + name + ".st")
                .getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read bundled prompt template " + name, ex);
        }
    }
}
