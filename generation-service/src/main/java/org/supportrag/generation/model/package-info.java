@NullMarked
package org.supportrag.generation.model;

import org.jspecify.annotations.NullMarked;
