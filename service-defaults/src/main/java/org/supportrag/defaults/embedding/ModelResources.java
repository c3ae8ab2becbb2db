package org.supportrag.defaults.embedding;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Resolves model files; only local locations are allowed so loading a model can never reach the network. */
final class ModelResources {

    private ModelResources() {
    }

    static Resource resolve(String uri, ResourceLoader loader, String property) {
        if (!uri.startsWith("classpath:") && !uri.startsWith("file:")) {
            throw new IllegalArgumentException(
                    "rag.embedding." + property + " must be a classpath: or file: location, was " + uri);
        }
        Resource resource = loader.getResource(uri);
        if (!resource.exists()) {
            throw new IllegalArgumentException("rag.embedding." + property + " not found: " + uri);
        }
        return resource;
    }
}
