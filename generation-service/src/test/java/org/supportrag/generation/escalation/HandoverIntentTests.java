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
    void aQuestionAboutTheSupportDeskOrAboutHumanApprovalIsNoRequestForAPerson() {
        // Before the fresh handover set: all four were handed over.
        for (String text : List.of("Is support open on weekends?", "Ist der Support am Wochenende erreichbar?",
                "Fragt der Support jemals nach meinem Passwort?",
                "Braucht jede Retoure die Freigabe durch einen Menschen?")) {
            assertThat(intent.asksForPerson(text)).as(text).isFalse();
        }
    }

    @Test
    void someoneElseOrSomeoneFromTheCustomersOwnTeamIsNotTheSupportDesk() {
        double[] other = IntentFeatures.of("Can I send the tracking link to someone else?");
        double[] own = IntentFeatures.of("Kann jemand aus meinem Team Retouren freigeben?");
        double[] desk = IntentFeatures.of("Can someone from your team call me back?");

        int supportPerson = IntentFeatures.CUES.indexOf("support_person");
        int thirdParty = IntentFeatures.CUES.indexOf("third_party");
        assertThat(other[supportPerson]).isZero();
        assertThat(other[thirdParty]).isOne();
        assertThat(own[supportPerson]).isZero();
        assertThat(desk[supportPerson]).isOne();
        for (String text : List.of("Can I send the tracking link to someone else?",
                "Kann jemand aus meinem Team Retouren freigeben, während ich weg bin?",
                "My colleague wants to know how to print a packing slip.")) {
            assertThat(intent.asksForPerson(text)).as(text).isFalse();
        }
    }

    @Test
    void aModelTrainedOnAFewExamplesSeparatesThem() {
        List<HandoverIntentTrainer.Example> small = List.of(
                new HandoverIntentTrainer.Example("I want to talk to a human", true),
                new HandoverIntentTrainer.Example("Ich möchte mit einem Mitarbeiter sprechen", true),
                new HandoverIntentTrainer.Example("agent please", true),
                new HandoverIntentTrainer.Example("Can my colleague print labels?", false),
                new HandoverIntentTrainer.Example("Kann der Empfänger die Adresse ändern?", false),
                new HandoverIntentTrainer.Example("How do I add a person to my team?", false));

        HandoverIntent trained = new HandoverIntent(HandoverIntentTrainer.train(small, 0.5));

        for (HandoverIntentTrainer.Example example : small) {
            assertThat(trained.asksForPerson(example.text())).as(example.text()).isEqualTo(example.person());
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
