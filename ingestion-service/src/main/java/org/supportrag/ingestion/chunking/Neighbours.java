package org.supportrag.ingestion.chunking;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Merges runs of neighbouring parts (sections, declarations) into one while the merge rule allows it. */
final class Neighbours {

    /** The union of {@code current} and the part at {@code index}, or null when they stay apart. */
    interface Merge<T> {
        @Nullable T tryMerge(T current, List<T> parts, int index);
    }

    private Neighbours() {
    }

    static <T> List<T> merge(List<T> parts, Merge<T> rule) {
        List<T> merged = new ArrayList<>();
        @Nullable T current = null;
        for (int i = 0; i < parts.size(); i++) {
            T next = parts.get(i);
            if (current == null) {
                current = next;
                continue;
            }
            T combined = rule.tryMerge(current, parts, i);
            if (combined != null) {
                current = combined;
            }
            else {
                merged.add(current);
                current = next;
            }
        }
        if (current != null) {
            merged.add(current);
        }
        return merged;
    }
}
