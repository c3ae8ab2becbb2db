package org.supportrag.generation.escalation;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandoverIntentTests {

    private final HandoverIntent intent = new HandoverIntent();

    @Test
    void recognizesARequestForAPersonInManyPhrasings() {
        for (String text : List.of("I want to talk to a human", "agent please", "Can I speak with a real person?",
                "transfer me to a representative", "Could someone from your support team phone me?",
                "I'd really like a human to handle this", "Ich möchte mit einem Mitarbeiter sprechen",
                "Bitte verbinden Sie mich mit einem echten Menschen", "Kann ich jemanden vom Support sprechen?")) {
            assertThat(intent.asksForPerson(text)).as(text).isTrue();
        }
    }

    @Test
    void aQuestionThatOnlyMentionsAnotherPersonIsNoRequest() {
        // Before: a regex read "transfer ... someone" as a request for a person.
        for (String text : List.of("How do I transfer account ownership to someone else?",
                "How do I add a person to my account?", "Can my colleague print labels too?",
                "The recipient wants to talk to the carrier, what do I tell them?",
                "Who is the account owner?", "Wie übertrage ich das Konto an meinen Geschäftspartner?",
                "Kann der Empfänger mit DHL sprechen?", "Please connect my Etsy shop")) {
            assertThat(intent.asksForPerson(text)).as(text).isFalse();
        }
    }

    @Test
    void foldsUmlautsAndReadsChatShorthand() {
        assertThat(IntentFeatures.tokens("Können Sie mich durchstellen? talk 2 u pls"))
            .containsExactly("koennen", "sie", "mich", "durchstellen", "?", "talk", "to", "you", "please");
        assertThat(IntentFeatures.tokens("Put me through to customer service"))
            .contains("customerservice").doesNotContain("customer");
    }

    @Test
    void refusesWeightsThatDoNotFitTheFeatures() {
        org.assertj.core.api.Assertions
            .assertThatThrownBy(() -> new HandoverIntent(new HandoverIntent.Model(new double[3], 0, 0.5)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("retrain");
    }
}
