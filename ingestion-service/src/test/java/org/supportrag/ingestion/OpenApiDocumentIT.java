package org.supportrag.ingestion;

import org.supportrag.defaults.testsupport.CommittedOpenApiDocument;

/** ingestion-service's committed OpenAPI document is the one its controllers produce. */
class OpenApiDocumentIT extends CommittedOpenApiDocument {
}
