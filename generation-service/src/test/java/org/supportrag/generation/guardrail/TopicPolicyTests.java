package org.supportrag.generation.guardrail;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicPolicyTests {

    private static String n(String text) {
        return InjectionDetector.normalize(text);
    }

    @Test
    void recognisesAbuseButNotFrustration() {
        assertThat(TopicPolicy.abusive(n("You are a useless idiot"))).isTrue();
        assertThat(TopicPolicy.abusive(n("I will kill you"))).isTrue();
        assertThat(TopicPolicy.abusive(n("This damn app crashed again, what the hell?"))).isFalse();
    }

    @Test
    void recognisesOffTopicRequestsAndTenantTerms() {
        assertThat(TopicPolicy.offTopic(n("Write me a poem about cats"), List.of())).isTrue();
        assertThat(TopicPolicy.offTopic(n("tell me a joke"), List.of())).isTrue();
        assertThat(TopicPolicy.offTopic(n("What do you think about the election?"), List.of("election"))).isTrue();
        assertThat(TopicPolicy.offTopic(n("How do I write a review for a product?"), List.of())).isFalse();
    }

    @Test
    void matchesTenantTermsAsWholeWordsWithShortSuffixes() {
        List<String> banned = List.of("gambling", "crypto");
        assertThat(TopicPolicy.firstTerm(n("Can I pay with Crypto?"), banned)).isEqualTo("crypto");
        assertThat(TopicPolicy.firstTerm(n("online GAMBLING sites"), banned)).isEqualTo("gambling");
        assertThat(TopicPolicy.firstTerm(n("cryptography library"), banned)).isNull();
    }
}
