package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.confidence.Citations;
import org.supportrag.generation.conversation.Citation;

/**
 * Watches answer text as it streams and reports each citation the moment its {@code [n]} marker is complete, even
 * when a marker arrives split over several tokens. Markers naming no retrieved chunk are ignored; {@code [1, 3]}
 * cites both.
 */
final class CitationTracker {

    private static final int MAX_MARKER_CHARS = 64;

    private final List<SearchHit> hits;
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, Citation> cited = new LinkedHashMap<>();
    private int scanFrom;

    CitationTracker(List<SearchHit> hits) {
        this.hits = List.copyOf(hits);
    }

    /** Appends a token; returns the citations it completed, in order of appearance. */
    List<Citation> accept(String token) {
        text.append(token);
        List<Citation> completed = new ArrayList<>();
        Matcher marker = Citations.MARKER.matcher(text);
        marker.region(scanFrom, text.length());
        int end = scanFrom;
        while (marker.find()) {
            for (int index : Citations.numbers(marker, hits.size())) {
                if (!cited.containsKey(index)) {
                    Citation citation = Citation.of(index, hits.get(index - 1));
                    cited.put(index, citation);
                    completed.add(citation);
                }
            }
            end = marker.end();
        }
        // Rescan only from an unclosed '[' that may still become a marker (markers are short).
        int open = text.lastIndexOf("[");
        scanFrom = open >= end && text.length() - open <= MAX_MARKER_CHARS ? open : text.length();
        return completed;
    }

    /** Every citation reported so far, in order of first appearance. */
    List<Citation> citations() {
        return List.copyOf(cited.values());
    }
}
