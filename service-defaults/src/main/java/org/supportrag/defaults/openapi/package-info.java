/** The OpenAPI document every service generates from its controllers (springdoc). */
@NullMarked
package org.supportrag.defaults.openapi;

import org.jspecify.annotations.NullMarked;
