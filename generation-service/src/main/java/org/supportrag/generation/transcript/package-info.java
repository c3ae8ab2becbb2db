/**
 * Reads a conversation back: its messages for the widget, and for staff each answer's scores, evidence and the
 * conversation's escalation. Sits above {@code conversation} and {@code escalation}, so neither depends on the other
 * through it.
 */
@NullMarked
package org.supportrag.generation.transcript;

import org.jspecify.annotations.NullMarked;
