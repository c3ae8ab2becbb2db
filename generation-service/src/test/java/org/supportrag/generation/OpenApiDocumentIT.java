package org.supportrag.generation;

import org.supportrag.defaults.testsupport.CommittedOpenApiDocument;

/** generation-service's committed OpenAPI document is the one its controllers produce. */
class OpenApiDocumentIT extends CommittedOpenApiDocument {
}
