package org.supportrag.eval.candidate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.CaseType;
import org.supportrag.eval.dataset.DatasetItems;
import org.supportrag.eval.dataset.DatasetVersion;
import org.supportrag.eval.generation.GenerationClient;
import org.supportrag.eval.generation.LoggedTurn;

/** Turns labels and commented thumbs-down into candidates, and admins' decisions into dataset versions. */
@Service
@RequiredArgsConstructor
class CandidateService {

    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(CandidateService.class);

    private final CandidateRepository repository;
    private final GenerationClient generation;
    private final DatasetItems datasets;
    private final TransactionTemplate transactions;

    /** What an admin decides on accepting; every field may override what the candidate suggests. */
    record Acceptance(String dataset, @Nullable String type, @Nullable String reference,
            @Nullable List<String> facts, @Nullable List<String> sources) {
    }

    record Accepted(Candidate candidate, DatasetVersion version) {
    }

    @Scheduled(fixedDelayString = "${rag.eval.candidates.interval:5m}", initialDelayString = "${rag.eval.candidates.interval:5m}")
    void scheduled() {
        for (String tenant : repository.tenantsWithUncollected()) {
            try {
                collect(tenant);
            }
            catch (RuntimeException ex) {
                log.warn("Collecting candidates failed: {}", ex.toString());
                return;
            }
        }
    }

    /** Collects the tenant's new signals; returns how many candidates were added. */
    int collect(String tenant) {
        repository.refreshPendingLabels(tenant);
        int added = 0;
        for (CandidateRepository.Signal signal : repository.uncollected(tenant, BATCH)) {
            Optional<GenerationClient.Conversation> conversation = generation.conversation(tenant,
                    signal.conversationId());
            if (conversation.isEmpty()) {
                repository.insert(tenant, signal, null, List.of(), null, null, List.of(), Candidate.REJECTED,
                        "The conversation no longer exists.");
                continue;
            }
            List<GenerationClient.Message> messages = conversation.get().messages();
            int at = -1;
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).messageId().equals(signal.messageId())) {
                    at = i;
                }
            }
            List<String> turns = new ArrayList<>();
            for (int i = 0; i < (at < 0 ? 0 : at); i++) {
                if ("user".equals(messages.get(i).role())) {
                    turns.add(messages.get(i).content());
                }
            }
            if (at < 0 || turns.isEmpty()) {
                repository.insert(tenant, signal, null, List.of(), null, null, List.of(), Candidate.REJECTED,
                        "The answer is not part of the conversation.");
                continue;
            }
            GenerationClient.Message answer = messages.get(at);
            List<Map<String, Object>> cited = new ArrayList<>();
            for (Map<String, Object> citation : answer.citations() == null ? List.<Map<String, Object>>of()
                    : answer.citations()) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("documentId", citation.get("documentId"));
                document.put("title", citation.get("title"));
                document.put("url", citation.get("url"));
                if (!cited.contains(document)) {
                    cited.add(document);
                }
            }
            String knowledgeBase = generation.turn(tenant, signal.messageId())
                .map(LoggedTurn::knowledgeBase)
                .orElse(null);
            String reference = signal.correctedAnswer() != null ? signal.correctedAnswer()
                    : "correct".equals(signal.signal()) ? answer.content() : null;
            repository.insert(tenant, signal, knowledgeBase, turns, answer.content(), reference, cited,
                    Candidate.PENDING, null);
            added++;
        }
        return added;
    }

    /** Appends the candidate to the named dataset (its next version) and marks it accepted, atomically. */
    Accepted accept(String tenant, UUID id, Acceptance acceptance, String admin) {
        CaseType type = acceptance.type() == null ? null : CaseType.fromWireName(acceptance.type())
            .orElseThrow(() -> ApiProblemException.badRequest("invalid-candidate-acceptance", "Invalid acceptance",
                    "'type' must be one of " + CaseType.wireNames() + "."));
        for (String fact : acceptance.facts() == null ? List.<String>of() : acceptance.facts()) {
            try {
                Pattern.compile(fact);
            }
            catch (PatternSyntaxException ex) {
                throw ApiProblemException.badRequest("invalid-candidate-acceptance", "Invalid acceptance",
                        "Fact '" + fact + "' is not a valid regular expression.");
            }
        }
        return transactions.execute(status -> {
            Candidate candidate = pending(tenant, id);
            AnswerCase item = item(candidate, acceptance, type);
            DatasetVersion version;
            try {
                version = datasets.append(tenant, acceptance.dataset(), List.of(item), admin);
            }
            catch (IllegalArgumentException ex) {
                throw ApiProblemException.badRequest("invalid-candidate-acceptance", "Invalid acceptance",
                        ex.getMessage() == null ? "The dataset does not accept this item." : ex.getMessage());
            }
            repository.decide(tenant, id, Candidate.ACCEPTED, version.name(), version.version(), admin, null);
            return new Accepted(repository.find(tenant, id, false).orElseThrow(), version);
        });
    }

    Candidate reject(String tenant, UUID id, @Nullable String reason, String admin) {
        return transactions.execute(status -> {
            pending(tenant, id);
            repository.decide(tenant, id, Candidate.REJECTED, null, null, admin, reason);
            return repository.find(tenant, id, false).orElseThrow();
        });
    }

    private Candidate pending(String tenant, UUID id) {
        Candidate candidate = repository.find(tenant, id, true)
            .orElseThrow(() -> ApiProblemException.notFound("candidate-not-found", "Candidate not found",
                    "No candidate with this id exists."));
        if (!Candidate.PENDING.equals(candidate.status())) {
            throw new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.of("candidate-decided"),
                    "Candidate already decided", "This candidate was " + candidate.status() + " already.");
        }
        return candidate;
    }

    /**
     * The dataset case a candidate suggests: a missing-knowledge label is an unanswerable case (the assistant should
     * hand over), everything else answerable; a correct answer's cited documents are acceptable sources.
     */
    static AnswerCase item(Candidate candidate, Acceptance acceptance, @Nullable CaseType override) {
        CaseType type = override != null ? override
                : "missing_knowledge".equals(candidate.signal()) ? CaseType.UNANSWERABLE
                        : candidate.turns().size() > 1 ? CaseType.MULTITURN : CaseType.ANSWERABLE;
        List<String> sources = acceptance.sources() != null ? acceptance.sources()
                : "correct".equals(candidate.signal()) ? candidate.citedDocuments()
                    .stream()
                    .map(document -> document.get("url") != null ? String.valueOf(document.get("url"))
                            : String.valueOf(document.get("title")))
                    .map(source -> source.contains("#") && !source.startsWith("tickets/")
                            ? source.substring(0, source.indexOf('#')) : source)
                    .distinct()
                    .toList() : List.of();
        String reference = acceptance.reference() != null ? acceptance.reference() : candidate.reference();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("candidateId", candidate.id().toString());
        metadata.put("source", candidate.source());
        metadata.put("signal", candidate.signal());
        metadata.put("conversationId", candidate.conversationId().toString());
        metadata.put("messageId", candidate.messageId().toString());
        return new AnswerCase("msg-" + candidate.messageId(), type, candidate.turns(),
                acceptance.facts() == null ? List.of() : acceptance.facts(), sources, reference,
                candidate.knowledgeBase(), metadata);
    }
}
