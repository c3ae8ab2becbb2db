package org.supportrag.retrieval.rerank;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverlapRerankerTests {

    @Test
    void movesThePassageCoveringTheRareQueryTermsUp() {
        List<String> passages = List.of("Our delivery partners ship worldwide.",
                "Delivery to Iceland takes ten days by ship.", "Delivery times vary.");

        List<Reranker.Ranked> ranked = new OverlapReranker(0.5).rerank("delivery to Iceland", passages);

        assertThat(ranked).extracting(Reranker.Ranked::index).startsWith(1).hasSize(3).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(ranked).extracting(Reranker.Ranked::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void keepsTheIncomingOrderWithWeightZero() {
        List<String> passages = List.of("unrelated text", "delivery to Iceland", "more text");

        assertThat(new OverlapReranker(0).rerank("delivery to Iceland", passages)).extracting(Reranker.Ranked::index)
            .containsExactly(0, 1, 2);
    }

    @Test
    void ranksPassagesItHasSeenBeforeExactlyAsAFreshRerankerDoes() {
        OverlapReranker seasoned = new OverlapReranker(0.5);
        List<String> passages = List.of("Our delivery partners ship worldwide.",
                "Delivery to Iceland takes ten days by ship.", "Delivery times vary.", "Refunds take five days.");
        seasoned.rerank("delivery to Iceland", passages);
        seasoned.rerank("how long do refunds take", passages.reversed());

        for (String query : List.of("delivery to Iceland", "refund delivery days", "ship worldwide")) {
            assertThat(seasoned.rerank(query, passages)).isEqualTo(new OverlapReranker(0.5).rerank(query, passages));
        }
    }
}
