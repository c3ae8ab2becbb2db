package org.supportrag.generation.prompt;

import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptTemplatesTests {

    @Test
    void acceptsAUserTemplateThatUsesContextAndQuestion() {
        assertThat(PromptTemplates.validate(PromptNames.ANSWER_USER, "Excerpts:\n{context}\n\nQ: {question}")).isEmpty();
    }

    @Test
    void rejectsAUserTemplateThatLeavesOutTheQuestion() {
        assertThat(PromptTemplates.validate(PromptNames.ANSWER_USER, "Excerpts:\n{context}"))
            .containsExactly("body: must use {question}");
    }

    @Test
    void rejectsAnAttributeUsedOnlyInABranchThatIsNeverTaken() {
        assertThat(PromptTemplates.validate(PromptNames.ANSWER_USER, "{context} {if(false)}{question}{endif}"))
            .isNotEmpty();
    }

    @Test
    void rejectsATemplateThatDoesNotCompile() {
        assertThat(PromptTemplates.validate(PromptNames.ANSWER_USER, "{context} {question"))
            .isNotEmpty()
            .allSatisfy(problem -> assertThat(problem).startsWith("body: "));
    }

    @Test
    void rejectsAnUnknownAttribute() {
        assertThat(PromptTemplates.validate(PromptNames.ANSWER_SYSTEM, "You help customers of {company}."))
            .isNotEmpty();
    }

    @Test
    void rejectsABlankBody() {
        assertThat(PromptTemplates.validate(PromptNames.ANSWER_SYSTEM, "  \n")).containsExactly(
                "body: must not be blank");
    }

    @Test
    void rendersAttributesVerbatim() {
        assertThat(PromptTemplates.render("Q: {question}!", Map.of("question", "What is {this}? <b>")))
            .isEqualTo("Q: What is {this}? <b>!");
    }

    @Test
    void failsToRenderABrokenTemplateInsteadOfSendingIt() {
        assertThatThrownBy(() -> PromptTemplates.render("{question", Map.of("question", "x")))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void assignsAConversationToTheSameBucketEveryTime() {
        // Pinned: a conversation must stay in its arm across restarts and replicas, not only within one JVM.
        assertThat(PromptCatalog.bucket(UUID.fromString("8f1c2b8e-6a55-4d7e-9f0b-3c2d1e0f4a5b"))).isEqualTo(2);
    }

    @Test
    void spreadsConversationsEvenlyOverTheBuckets() {
        Random random = new Random(16);
        int[] counts = new int[100];
        for (int i = 0; i < 10_000; i++) {
            counts[PromptCatalog.bucket(new UUID(random.nextLong(), random.nextLong()))]++;
        }

        // 100 expected per bucket: a canary of n percent gets about n percent of the conversations.
        assertThat(IntStream.of(counts).min().orElseThrow()).isGreaterThanOrEqualTo(60);
        assertThat(IntStream.of(counts).max().orElseThrow()).isLessThanOrEqualTo(140);
    }
}
