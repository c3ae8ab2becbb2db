package org.supportrag.retrieval;

import org.supportrag.defaults.testsupport.CommittedOpenApiDocument;

/** retrieval-service's committed OpenAPI document is the one its controllers produce. */
class OpenApiDocumentIT extends CommittedOpenApiDocument {
}
