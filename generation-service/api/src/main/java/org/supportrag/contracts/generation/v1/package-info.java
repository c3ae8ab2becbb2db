/**
 * Version 1 of the generation service's service-to-service API, owned by generation-service (this module,
 * {@code generation-api}); the OpenAPI document generated from the controllers is committed as
 * {@code generation-service/src/main/resources/static/openapi/generation-v1.yaml}.
 */
@NullMarked
package org.supportrag.contracts.generation.v1;

import org.jspecify.annotations.NullMarked;
