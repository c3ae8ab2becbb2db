package org.supportrag.generation.escalation;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.supportrag.generation.guardrail.GuardrailsTestSupport;

/**
 * Measures the handover intent on a labelled set ({@code {"text", "label"}} lines): requests recognized and false
 * handovers, next to the regex it replaced. Run from generation-service with the file as argument, e.g.
 * {@code ../datasets/demo/handover/test.jsonl}.
 */
public final class HandoverIntentEvaluation {

    /** The request-for-a-person rule before the classifier (TopicPolicy at 4af8a22), on normalized text. */
    static final Pattern BEFORE = Pattern.compile(
            "\\b(talk|speak|chat|connect|transfer|put|get|escalate|hand)\\b.{0,25}\\b(humans?|person|people|"
                    + "agent|representative|rep|operator|someone|somebody|staff|supervisor|manager)\\b"
                    + "|\\b(real|live|actual) (human|person|agent|people)\\b"
                    + "|^\\W*(human|agent|operator|representative|person)( please)?\\W*$");

    private HandoverIntentEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        List<HandoverIntentTrainer.Example> examples = HandoverIntentTrainer.read(Path.of(args[0]));
        HandoverIntent intent = new HandoverIntent();
        report("before (regex)", examples,
                text -> BEFORE.matcher(GuardrailsTestSupport.normalize(text)).find());
        report("after (HandoverIntent)", examples, intent::asksForPerson);
    }

    static void report(String name, List<HandoverIntentTrainer.Example> examples, Predicate<String> predicate) {
        int requests = 0;
        int recognized = 0;
        int others = 0;
        int falseHandovers = 0;
        for (HandoverIntentTrainer.Example example : examples) {
            boolean flagged = predicate.test(example.text());
            if (example.person()) {
                requests++;
                recognized += flagged ? 1 : 0;
            }
            else {
                others++;
                if (flagged) {
                    falseHandovers++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: requests recognized %d/%d (%.3f), false handovers %d/%d%n", name,
                recognized, requests, (double) recognized / Math.max(1, requests), falseHandovers, others);
    }
}
