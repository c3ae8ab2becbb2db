/**
 * Version 1 of the eval service's service-to-service API, owned by eval-service (generation asks it whether a prompt
 * version passed the regression gate before the version may be labelled {@code production}).
 */
@NullMarked
package org.supportrag.contracts.eval.v1;

import org.jspecify.annotations.NullMarked;
