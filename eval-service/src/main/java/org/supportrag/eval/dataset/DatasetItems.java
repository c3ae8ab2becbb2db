package org.supportrag.eval.dataset;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.supportrag.eval.answers.AnswerCase;

/**
 * The public facade of datasets for other features of eval-service (accepted candidates, review queue): append
 * answer-level items to a tenant's named dataset, creating its next version, and read a version's items.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DatasetItems {

    private final DatasetRepository repository;

    /**
     * Creates the next version of {@code tenantId}'s answer-level dataset {@code name} (version 1 when it does not
     * exist): the previous version's items, then {@code items}; an item whose id is already there replaces it in
     * place. Concurrent appends to the same name are serialized.
     *
     * @param createdBy who appends (a user's subject, or a feature's name), stored with the version
     * @throws IllegalArgumentException when the name exists as a BEIR dataset, or {@code items} repeats an id
     */
    @Transactional
    public DatasetVersion append(String tenantId, String name, List<AnswerCase> items, String createdBy) {
        return repository.createVersion(tenantId, name, DatasetVersion.ANSWERS, null, null, items, true, createdBy);
    }

    /** The items of one version, in order; empty when the version does not exist for the tenant. */
    @Transactional(readOnly = true)
    public Optional<List<AnswerCase>> items(String tenantId, String name, int version) {
        return repository.find(tenantId, name, version).map(found -> repository.items(found.id()));
    }

    /** The newest version of a dataset, when it exists. */
    @Transactional(readOnly = true)
    public Optional<DatasetVersion> latest(String tenantId, String name) {
        return repository.latest(tenantId, name);
    }

    /** One version, when it exists for the tenant. */
    @Transactional(readOnly = true)
    public Optional<DatasetVersion> version(String tenantId, String name, int version) {
        return repository.find(tenantId, name, version);
    }

    /**
     * Creates the next version from {@code rows} alone ({@code inherit} false: an import replacing the contents) or
     * on top of the previous version ({@code inherit} true).
     */
    @Transactional
    DatasetVersion createRows(String tenantId, String name, String kind, @Nullable String knowledgeBase,
            @Nullable String description, List<ItemRow> rows, boolean inherit, String createdBy) {
        return repository.createVersionOfRows(tenantId, name, kind, knowledgeBase, description, rows, inherit,
                createdBy);
    }

    /** A version by its id, when it belongs to the tenant. */
    @Transactional(readOnly = true)
    public Optional<DatasetVersion> byId(String tenantId, java.util.UUID id) {
        return repository.findById(tenantId, id);
    }

    /**
     * A BEIR query of a {@code beir} dataset version.
     *
     * @param context earlier turns of a multi-turn query ({@code speaker} U for the user), oldest first
     * @param qrels   judged document id to grade
     */
    public record BeirItem(String id, String query, List<Map<String, String>> context, Map<String, Integer> qrels) {
    }

    /** The queries of a BEIR version, in order. */
    @Transactional(readOnly = true)
    @SuppressWarnings("unchecked")
    public List<BeirItem> beirItems(DatasetVersion version) {
        if (!version.kind().equals(DatasetVersion.BEIR)) {
            throw new IllegalArgumentException("dataset '" + version.name() + "' is not a BEIR dataset");
        }
        return repository.rows(version.id()).stream().map(row -> {
            Map<String, Integer> qrels = new java.util.LinkedHashMap<>();
            Object judged = row.metadata().get("qrels");
            if (judged instanceof Map<?, ?> map) {
                map.forEach((doc, grade) -> qrels.put(String.valueOf(doc), ((Number) grade).intValue()));
            }
            Object context = row.metadata().get("context");
            return new BeirItem(row.key(), row.turns().getLast(),
                    context instanceof List<?> turns ? (List<Map<String, String>>) turns : List.of(), qrels);
        }).toList();
    }

    /** The items of an answer-level version, in order. */
    @Transactional(readOnly = true)
    public List<AnswerCase> items(DatasetVersion version) {
        if (!version.kind().equals(DatasetVersion.ANSWERS)) {
            throw new IllegalArgumentException("dataset '" + version.name() + "' is a " + version.kind()
                    + " dataset, not answer-level");
        }
        return repository.items(version.id());
    }
}
