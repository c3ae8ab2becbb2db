package org.supportrag.retrieval.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

import org.supportrag.retrieval.text.Sentences;
import org.supportrag.retrieval.text.Terms;

/**
 * Shrinks the returned chunks to what the question needs, within a token budget for all of them: each chunk keeps its
 * sentences that share content words with the query (best first, then in reading order) and always its best sentence;
 * better-ranked chunks get their share of the budget first. Text is only removed, never rewritten, so a citation of
 * the chunk still quotes it; short chunks are kept whole. A list or table is kept or dropped with its lead-in ("Required
 * columns:") and its header row: one kept row or item keeps them all, since help centers keep their answers there and a
 * lone row or a lead-in without its list answers nothing.
 */
public final class ContextCompressor {

    /** A chunk's text after compression. */
    public record Compressed(String text, int tokensBefore, int tokensAfter) {
    }

    /** Longest list or table (in tokens) kept whole when one of its items is kept; longer ones keep their header. */
    static final int MAX_STRUCTURE_TOKENS = 320;
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d{1,3}[.)])\\s+");

    private final ToIntFunction<String> tokens;
    private final int maxTokens;
    private final int keepWholeTokens;

    /**
     * @param tokens          counts the tokens of a text
     * @param maxTokens       budget of all compressed texts together
     * @param keepWholeTokens chunks up to this many tokens are not compressed
     */
    public ContextCompressor(ToIntFunction<String> tokens, int maxTokens, int keepWholeTokens) {
        this.tokens = tokens;
        this.maxTokens = maxTokens;
        this.keepWholeTokens = keepWholeTokens;
    }

    /** Compresses ranked texts, best first; the result has one entry per input. */
    public List<Compressed> compress(String query, List<String> texts) {
        Set<String> queryTerms = Terms.distinct(query);
        List<Compressed> result = new ArrayList<>(texts.size());
        int remaining = maxTokens;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int before = tokens.applyAsInt(text);
            // An even share of what is left for this and the following chunks; a better chunk is compressed last.
            int share = Math.max(remaining / (texts.size() - i), keepWholeTokens);
            Compressed compressed = before <= share || before <= keepWholeTokens ? new Compressed(text, before, before)
                    : focus(queryTerms, text, before, share);
            remaining = Math.max(remaining - compressed.tokensAfter(), 0);
            result.add(compressed);
        }
        return result;
    }

    private Compressed focus(Set<String> queryTerms, String text, int before, int budget) {
        List<String> sentences = Sentences.split(text);
        if (sentences.size() <= 1) {
            return new Compressed(text, before, before);
        }
        record Candidate(int position, double relevance, int tokens) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            if (sentence.isBlank()) {
                continue;
            }
            List<String> terms = Terms.of(sentence);
            long shared = terms.stream().distinct().filter(queryTerms::contains).count();
            // Relevance: query words covered, slightly favouring dense sentences and the chunk's opening.
            double relevance = shared + (terms.isEmpty() ? 0 : (double) shared / terms.size()) + (i == 0 ? 0.1 : 0);
            candidates.add(new Candidate(i, relevance, tokens.applyAsInt(sentence)));
        }
        List<Candidate> byRelevance = new ArrayList<>(candidates);
        byRelevance.sort(Comparator.comparingDouble(Candidate::relevance).reversed()
            .thenComparingInt(Candidate::position));
        boolean[] keep = new boolean[sentences.size()];
        int used = 0;
        for (Candidate candidate : byRelevance) {
            boolean best = used == 0;
            if (!best && (candidate.relevance() < 1 || used + candidate.tokens() > budget)) {
                continue;
            }
            keep[candidate.position()] = true;
            used += candidate.tokens();
        }
        keepStructures(sentences, keep);
        StringBuilder kept = new StringBuilder();
        boolean gap = false;
        for (int i = 0; i < sentences.size(); i++) {
            if (keep[i]) {
                if (gap && !kept.isEmpty()) {
                    kept.append("… ");
                }
                kept.append(sentences.get(i).strip()).append(sentences.get(i).endsWith("\n") ? "\n" : " ");
                gap = false;
            }
            else if (!sentences.get(i).isBlank()) {
                gap = true;
            }
        }
        String compressed = kept.toString().strip();
        int after = tokens.applyAsInt(compressed);
        return after >= before ? new Compressed(text, before, before) : new Compressed(compressed, before, after);
    }

    /**
     * Widens the kept sentences to whole lists and tables: a run of list items or table rows (with continuation lines)
     * and the lead-in sentence ending in a colon just before it are kept together when any of them is kept; a table too
     * long for that still keeps its header and rule rows, which say what its cells mean.
     */
    private void keepStructures(List<String> sentences, boolean[] keep) {
        // The line of each sentence: Sentences.split breaks at line ends, so a line is a run of sentences.
        int[] lineOf = new int[sentences.size()];
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < sentences.size(); i++) {
            line.append(sentences.get(i));
            lineOf[i] = lines.size();
            if (sentences.get(i).endsWith("\n") || i == sentences.size() - 1) {
                lines.add(line.toString());
                line.setLength(0);
            }
        }
        int n = lines.size();
        for (int start = 0; start < n; start++) {
            if (!structured(lines.get(start))) {
                continue;
            }
            int end = start;
            while (end + 1 < n && (structured(lines.get(end + 1))
                    || !lines.get(end + 1).isBlank() && Character.isWhitespace(lines.get(end + 1).charAt(0)))) {
                end++;
            }
            int leadLine = start - 1;
            while (leadLine >= 0 && lines.get(leadLine).isBlank()) {
                leadLine--;
            }
            int lead = -1;
            if (leadLine >= 0 && !structured(lines.get(leadLine)) && lines.get(leadLine).strip().endsWith(":")) {
                for (int i = 0; i < sentences.size(); i++) {
                    if (lineOf[i] == leadLine && !sentences.get(i).isBlank()) {
                        lead = i;
                    }
                }
            }
            boolean any = lead >= 0 && keep[lead];
            int structureTokens = 0;
            for (int i = 0; i < sentences.size(); i++) {
                if (lineOf[i] >= start && lineOf[i] <= end) {
                    any |= keep[i];
                    structureTokens += tokens.applyAsInt(sentences.get(i));
                }
            }
            if (any) {
                boolean table = lines.get(start).strip().startsWith("|");
                int last = structureTokens <= MAX_STRUCTURE_TOKENS ? end : table ? Math.min(start + 1, end) : -1;
                for (int i = 0; i < sentences.size(); i++) {
                    if (lineOf[i] >= start && lineOf[i] <= last || i == lead) {
                        keep[i] = true;
                    }
                }
            }
            start = end;
        }
    }

    private static boolean structured(String line) {
        return line.strip().startsWith("|") || LIST_ITEM.matcher(line).lookingAt();
    }
}
