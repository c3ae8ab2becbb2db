@NullMarked
package org.supportrag.generation.crm;

import org.jspecify.annotations.NullMarked;
