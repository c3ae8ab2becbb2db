package org.supportrag.eval.answers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One case of an answer-level dataset.
 *
 * @param turns         the customer's messages, in order; the last one's answer is scored
 * @param facts         regular expressions every correct answer matches (case-insensitive)
 * @param sources       acceptable sources: document paths relative to the ingested folder, a ticket as
 *                      {@code tickets/<file>#<ticket id>}
 * @param reference     a reference answer, when known
 * @param knowledgeBase the knowledge base the case belongs to, when the file says
 * @param metadata      anything else the file carries for the case (kept, not interpreted)
 */
public record AnswerCase(String id, CaseType type, List<String> turns, List<String> facts, List<String> sources,
        @Nullable String reference, @Nullable String knowledgeBase, Map<String, Object> metadata) {

    public AnswerCase {
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a case needs at least one turn");
        }
        turns = List.copyOf(turns);
        facts = List.copyOf(facts);
        sources = List.copyOf(sources);
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A case with just the fields of the interfaces.md format. */
    public static AnswerCase of(String id, CaseType type, List<String> turns, List<String> facts,
            List<String> sources, @Nullable String reference) {
        return new AnswerCase(id, type, turns, facts, sources, reference, null, Map.of());
    }

    /** The facts compiled as they are matched: case-insensitive, Unicode-aware. */
    public List<Pattern> factPatterns() {
        return facts.stream().map(AnswerCase::compileFact).toList();
    }

    static Pattern compileFact(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The case as a JSON object of the dataset format (a line of an exported dataset). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("type", type.wireName());
        map.put("turns", turns);
        map.put("facts", facts);
        map.put("sources", sources);
        if (reference != null) {
            map.put("reference", reference);
        }
        if (knowledgeBase != null) {
            map.put("knowledgeBase", knowledgeBase);
        }
        if (!metadata.isEmpty()) {
            map.put("metadata", metadata);
        }
        return map;
    }

    /** The customer's last message, whose answer is scored. */
    public String lastTurn() {
        return turns.getLast();
    }
}
