package org.supportrag.generation.guardrail;

import java.util.List;
import java.util.Set;

import org.supportrag.defaults.privacy.PiiRedactor;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.answer.AnswerStream;

/** Output filters for tests of other packages, without a Spring context. */
public final class GuardrailsTestSupport {

    private GuardrailsTestSupport() {
    }

    public static OutputFilter filter(List<SearchHit> context, TenantPolicy policy, AnswerStream downstream) {
        return new OutputFilter(downstream, context.size(), List.of(), policy.bannedTopics(), Set.of(), Set::of,
                new PiiRedactor(), 160);
    }

    /** The guardrails' text normalization, for measurements outside this package. */
    public static String normalize(String text) {
        return InjectionDetector.normalize(text);
    }
}
