/** Language-dependent text handling: full-text configurations, sentences, terms. Pure functions, no I/O. */
@NullMarked
package org.supportrag.retrieval.text;

import org.jspecify.annotations.NullMarked;
