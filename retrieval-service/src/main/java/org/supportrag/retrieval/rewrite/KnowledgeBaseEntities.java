package org.supportrag.retrieval.rewrite;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.supportrag.retrieval.text.Terms;

/**
 * The things a knowledge base names: its document titles, the parts of its section paths and its short metadata
 * values ("Plans and pricing", "Voiding labels", "UPS"). A conversation that mentions one of them is about it, whoever
 * mentioned it; a follow-up carries it forward. Each term is weighted by how few entities share it, so "Parcelly" in
 * every title counts for little and "void" for much.
 */
public final class KnowledgeBaseEntities {

    public static final KnowledgeBaseEntities NONE = new KnowledgeBaseEntities(List.of());

    /** Title and path parts are split at these separators ("Page - Section", "Page > Section", "A: B"). */
    private static final String PART_SEPARATORS = "\\s+[-–—>|/›»]\\s+|:\\s+";
    /** Longer phrases are sentences, not names. */
    static final int MAX_ENTITY_TERMS = 8;

    /** One named thing and its content terms. */
    public record Entity(String text, Set<String> terms) {
    }

    private final List<Entity> entities;
    private final Map<String, Double> weights;

    private KnowledgeBaseEntities(List<Entity> entities) {
        this.entities = List.copyOf(entities);
        Map<String, Integer> frequency = new HashMap<>();
        for (Entity entity : entities) {
            entity.terms().forEach(term -> frequency.merge(term, 1, Integer::sum));
        }
        Map<String, Double> weights = new HashMap<>();
        int total = Math.max(1, entities.size());
        frequency.forEach((term, count) -> weights.put(term, Math.log(1 + (double) total / count)));
        this.weights = weights;
    }

    /**
     * Entities from raw names (titles, section paths, metadata values); each is split into its parts, and parts too
     * long to be a name or without content words are left out.
     */
    public static KnowledgeBaseEntities of(Collection<String> names) {
        Map<Set<String>, Entity> distinct = new LinkedHashMap<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                continue;
            }
            List<String> parts = new ArrayList<>(List.of(name.strip().split(PART_SEPARATORS)));
            for (String part : parts) {
                Set<String> terms = Terms.distinct(part);
                if (!terms.isEmpty() && terms.size() <= MAX_ENTITY_TERMS) {
                    distinct.putIfAbsent(terms, new Entity(part.strip(), terms));
                }
            }
        }
        return new KnowledgeBaseEntities(new ArrayList<>(distinct.values()));
    }

    public List<Entity> entities() {
        return entities;
    }

    public boolean isEmpty() {
        return entities.isEmpty();
    }

    /** How specific a term is to few entities; 0 for a term no entity has. */
    public double weight(String term) {
        return weights.getOrDefault(term, 0.0);
    }

    /** Whether some entity uses the term. */
    public boolean names(String term) {
        return weights.containsKey(term);
    }

    /**
     * The share of the entity's term weight that {@code terms} cover, in [0, 1].
     */
    public double coverage(Entity entity, Set<String> terms) {
        double all = 0;
        double covered = 0;
        for (String term : entity.terms()) {
            double weight = weight(term);
            all += weight;
            if (terms.contains(term)) {
                covered += weight;
            }
        }
        return all == 0 ? 0 : covered / all;
    }

    /** The entities {@code text} mentions: at least {@code minCoverage} of their term weight, best first. */
    public List<Entity> mentionedIn(String text, double minCoverage) {
        Set<String> terms = new LinkedHashSet<>(Terms.of(text));
        List<Entity> found = new ArrayList<>();
        Map<Entity, Double> scores = new HashMap<>();
        for (Entity entity : entities) {
            double coverage = coverage(entity, terms);
            if (coverage >= minCoverage) {
                found.add(entity);
                scores.put(entity, coverage * entity.terms().stream().mapToDouble(this::weight).sum());
            }
        }
        found.sort((a, b) -> Double.compare(scores.getOrDefault(b, 0.0), scores.getOrDefault(a, 0.0)));
        return found;
    }
}
