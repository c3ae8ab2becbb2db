package org.supportrag.retrieval.rerank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.supportrag.retrieval.text.Terms;

/**
 * The offline reranker: blends the incoming (fused) rank with how much of the query a passage covers, each query term
 * weighted by its rarity among the candidates (IDF within the candidate set), plus a bonus for query terms appearing
 * close together (adjacent query bigrams). Cheap enough to run on every search; no model download.
 */
final class OverlapReranker implements Reranker {

    /**
     * Passages seen recently, by their text: a knowledge base's popular chunks are candidates of search after search,
     * and tokenizing them again (regular expression, lower-casing, stemming) was a quarter of retrieval's CPU per
     * chat turn under load. Bounded: at most this many passages, a few KB each.
     */
    static final int PASSAGE_CACHE_SIZE = 1024;

    private final double weight;
    private final Cache<String, List<String>> termsByPassage = Caffeine.newBuilder()
        .maximumSize(PASSAGE_CACHE_SIZE)
        .build();

    /** @param weight share of the coverage score against the incoming rank (0: keep the order) */
    public OverlapReranker(double weight) {
        this.weight = weight;
    }

    @Override
    public String name() {
        return "overlap";
    }

    @Override
    public List<Ranked> rerank(String query, List<String> passages) {
        List<String> queryTerms = Terms.of(query);
        Set<String> distinctQuery = Set.copyOf(queryTerms);
        Set<String> queryBigrams = bigrams(queryTerms);
        // Per passage only what the query asks about: which query terms and query bigrams it holds. Building every
        // passage's full term and bigram sets was most of a search's reranking time.
        List<Set<String>> passageTerms = new ArrayList<>(passages.size());
        List<Set<String>> passageBigrams = new ArrayList<>(passages.size());
        Map<String, Integer> df = new HashMap<>();
        for (String passage : passages) {
            Set<String> matched = new HashSet<>();
            Set<String> matchedBigrams = new HashSet<>();
            String previous = null;
            for (String term : termsByPassage.get(passage, text -> List.copyOf(Terms.of(text)))) {
                boolean asked = distinctQuery.contains(term);
                if (asked) {
                    matched.add(term);
                    if (previous != null && !queryBigrams.isEmpty()) {
                        String bigram = previous + ' ' + term;
                        if (queryBigrams.contains(bigram)) {
                            matchedBigrams.add(bigram);
                        }
                    }
                }
                previous = asked ? term : null;
            }
            passageTerms.add(matched);
            passageBigrams.add(matchedBigrams);
            for (String term : matched) {
                df.merge(term, 1, Integer::sum);
            }
        }
        Map<String, Double> idf = new HashMap<>();
        double total = 0;
        for (String term : distinctQuery) {
            double value = Math.log(1 + (passages.size() + 1.0) / (df.getOrDefault(term, 0) + 0.5));
            idf.put(term, value);
            total += value;
        }
        List<Ranked> ranked = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
            double covered = 0;
            for (String term : distinctQuery) {
                if (passageTerms.get(i).contains(term)) {
                    covered += idf.getOrDefault(term, 0.0);
                }
            }
            double coverage = total == 0 ? 0 : covered / total;
            double proximity = queryBigrams.isEmpty() ? 0
                    : (double) passageBigrams.get(i).size() / queryBigrams.size();
            // The incoming order as a score in (0, 1]: 1 for the first candidate, decaying like reciprocal rank.
            double prior = 10.0 / (10 + i);
            double score = (1 - weight) * prior + weight * (0.8 * coverage + 0.2 * proximity);
            ranked.add(new Ranked(i, score));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return ranked;
    }

    private static Set<String> bigrams(List<String> terms) {
        Set<String> bigrams = new HashSet<>();
        for (int i = 1; i < terms.size(); i++) {
            bigrams.add(terms.get(i - 1) + ' ' + terms.get(i));
        }
        return bigrams;
    }
}
