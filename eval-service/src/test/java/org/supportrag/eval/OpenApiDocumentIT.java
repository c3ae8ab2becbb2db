package org.supportrag.eval;

import org.supportrag.defaults.testsupport.CommittedOpenApiDocument;

/** eval-service's committed OpenAPI document is the one its controllers produce. */
class OpenApiDocumentIT extends CommittedOpenApiDocument {
}
