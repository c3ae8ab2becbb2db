/**
 * Version 1 of the retrieval service's API, owned by retrieval-service (this module, {@code retrieval-api}) and used
 * by its callers (ingestion indexes documents, generation searches). One definition, so no service keeps a copy of
 * another's DTOs; the OpenAPI document generated from the controllers is committed as
 * {@code retrieval-service/src/main/resources/static/openapi/retrieval-v1.yaml}.
 */
@NullMarked
package org.supportrag.contracts.retrieval.v1;

import org.jspecify.annotations.NullMarked;
