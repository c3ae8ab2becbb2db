package org.supportrag.eval.answers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** Scores one case's last answer by the rules of the answer-level dataset format (interfaces.md). */
public final class CaseScorer {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    private CaseScorer() {
    }

    public static CaseResult score(AnswerCase testCase, Observation observation) {
        CaseType type = testCase.type();
        boolean failed = observation.error() != null;
        boolean escalated = observation.escalated();
        boolean declined = !failed && Declines.declined(observation.answer(), observation.confidence());
        List<String> missingFacts = new ArrayList<>();
        for (int i = 0; i < testCase.facts().size(); i++) {
            if (!AnswerCase.compileFact(testCase.facts().get(i)).matcher(observation.answer()).find()) {
                missingFacts.add(testCase.facts().get(i));
            }
        }
        Boolean answerCorrect = null;
        Boolean citationCorrect = null;
        Boolean wronglyEscalated = null;
        Boolean sourcesRetrieved = null;
        if (type.expectsAnswer()) {
            answerCorrect = !failed && !escalated && missingFacts.isEmpty()
                    && (!testCase.facts().isEmpty() || !declined);
            citationCorrect = testCase.sources().isEmpty() ? null
                    : !failed && observation.citations().stream().anyMatch(c -> namesASource(c, testCase.sources()));
            wronglyEscalated = escalated;
            List<AnswerCitation> retrieved = observation.retrieved();
            sourcesRetrieved = testCase.sources().isEmpty() || retrieved == null || failed ? null
                    : retrieved.stream().anyMatch(chunk -> namesASource(chunk, testCase.sources()));
        }
        Boolean handled = type == CaseType.UNANSWERABLE ? escalated || declined : null;
        Boolean falseHandover = type == CaseType.NO_HANDOVER ? escalated : null;
        Double faithfulness = failed || escalated || declined ? null
                : Faithfulness.assess(observation.answer(), observation.citations()).score();
        return new CaseResult(testCase.id(), type, answerCorrect, citationCorrect, escalated,
                observation.confidence(), declined, handled, falseHandover, wronglyEscalated,
                dangling(observation.answer(), observation.citations()).size(), faithfulness,
                observation.latencyMs(), observation.promptTokens(), observation.completionTokens(),
                observation.costUsd(), observation.flags(), observation.model(), observation.error(), missingFacts,
                observation.answer(), observation.citations(), sourcesRetrieved, null, null);
    }

    /** The distinct {@code n} of {@code [n]} markers in the answer without a citation of index n, ascending. */
    public static Set<Integer> dangling(String answer, List<AnswerCitation> citations) {
        Set<Integer> indexes = citations.stream().map(AnswerCitation::index).collect(Collectors.toSet());
        Set<Integer> dangling = new TreeSet<>();
        Matcher marker = MARKER.matcher(answer);
        while (marker.find()) {
            int n;
            try {
                n = Integer.parseInt(marker.group(1));
            }
            catch (NumberFormatException ex) {
                n = -1;
            }
            if (!indexes.contains(n)) {
                dangling.add(n);
            }
        }
        return dangling;
    }

    /**
     * Whether the citation's url (with or without its {@code #fragment}) or its title names one of the sources: is
     * the source path itself or ends with {@code /} and the path (a URL or absolute path of the same file).
     */
    public static boolean namesASource(AnswerCitation citation, List<String> sources) {
        List<String> names = new ArrayList<>();
        String url = citation.url();
        if (url != null && !url.isBlank()) {
            names.add(url.strip());
            int hash = url.indexOf('#');
            if (hash >= 0) {
                names.add(url.substring(0, hash).strip());
            }
        }
        if (!citation.title().isBlank()) {
            names.add(citation.title().strip());
        }
        return sources.stream().anyMatch(source -> names.stream().anyMatch(name -> names(name, source)));
    }

    private static boolean names(String name, @Nullable String source) {
        if (source == null || source.isBlank()) {
            return false;
        }
        String wanted = source.strip().replaceFirst("^\\./", "");
        return name.equals(wanted) || name.endsWith("/" + wanted);
    }
}
