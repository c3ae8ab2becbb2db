/** Helpers for the services' own HTTP responses. */
@NullMarked
package org.supportrag.defaults.web;

import org.jspecify.annotations.NullMarked;
