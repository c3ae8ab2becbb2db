package org.supportrag.retrieval.fusion;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class RankFusionTests {

    private static final Function<String, String> ID = Function.identity();

    @Test
    void sumsReciprocalRanksOverBothRankings() {
        List<Scored<String>> dense = ranking("a", "b", "c");
        List<Scored<String>> lexical = ranking("c", "d", "a");

        List<Scored<String>> fused = RankFusion.reciprocalRank(List.of(dense, lexical), ID, 60, 10);

        // a: 1/61 + 1/63 = 0.032266, c: 1/63 + 1/61 = 0.032266 (a first: seen first), b: 1/62 = 0.016129,
        // d: 1/62 = 0.016129 (b first: earlier ranking).
        assertThat(fused).extracting(Scored::item).containsExactly("a", "c", "b", "d");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 63, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
        assertThat(fused.get(3).score()).isCloseTo(1.0 / 62, within(1e-12));
    }

    @Test
    void weighsEachRankingsReciprocalRanks() {
        List<Scored<String>> standalone = ranking("a", "b");
        List<Scored<String>> conversation = ranking("b", "c");

        List<Scored<String>> fused = RankFusion.reciprocalRank(List.of(standalone, conversation), List.of(1.0, 0.5),
                ID, 60, 10);

        // b: 1/62 + 0.5/61, a: 1/61, c: 0.5/62.
        assertThat(fused).extracting(Scored::item).containsExactly("b", "a", "c");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 0.5 / 61, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(0.5 / 62, within(1e-12));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> RankFusion.reciprocalRank(List.of(standalone), List.of(1.0, 0.5), ID, 60, 10));
    }

    @Test
    void ranksAnItemFoundByBothAboveOneFoundFirstByOnlyOne() {
        // k = 60: x = 1/61 = 0.01639 (first once), y = 1/62 + 1/62 = 0.03226 (second twice).
        List<Scored<String>> first = ranking("x", "y");
        List<Scored<String>> second = ranking("z", "y");

        assertThat(RankFusion.reciprocalRank(List.of(first, second), ID, 60, 1)).extracting(Scored::item)
            .containsExactly("y");
    }

    @Test
    void cutsTheFusedRankingAtTheLimit() {
        assertThat(RankFusion.reciprocalRank(List.of(ranking("a", "b", "c"), ranking("d")), ID, 60, 2))
            .extracting(Scored::item)
            .containsExactly("a", "d");
        assertThat(RankFusion.reciprocalRank(List.of(ranking("a")), ID, 60, 0)).isEmpty();
    }

    @Test
    void fusesEmptyRankingsToAnEmptyResult() {
        assertThat(RankFusion.reciprocalRank(List.of(List.of(), List.of()), ID, 60, 5)).isEmpty();
        assertThat(RankFusion.weighted(List.of(), List.<Scored<String>>of(), ID, 0.5, 5)).isEmpty();
    }

    @Test
    void identifiesItemsByKeyNotByEquality() {
        List<Scored<String>> first = ranking("A");
        List<Scored<String>> second = ranking("a");

        List<Scored<String>> fused = RankFusion.reciprocalRank(List.of(first, second), String::toLowerCase, 60, 5);

        assertThat(fused).singleElement().satisfies(scored -> {
            assertThat(scored.item()).isEqualTo("A");
            assertThat(scored.score()).isCloseTo(2.0 / 61, within(1e-12));
        });
    }

    @Test
    void weightsMinMaxNormalizedScores() {
        List<Scored<String>> dense = List.of(new Scored<>("a", 0.9), new Scored<>("b", 0.7), new Scored<>("c", 0.5));
        List<Scored<String>> lexical = List.of(new Scored<>("c", 0.4), new Scored<>("d", 0.1));

        List<Scored<String>> fused = RankFusion.weighted(dense, lexical, ID, 0.6, 10);

        // dense normalized: a (0.9-0.5)/0.4 = 1, b 0.2/0.4 = 0.5, c 0; lexical: c 1, d 0.
        // a = 0.6*1 = 0.6, b = 0.6*0.5 = 0.3, c = 0.6*0 + 0.4*1 = 0.4, d = 0.
        assertThat(fused).extracting(Scored::item).containsExactly("a", "c", "b", "d");
        assertThat(fused).extracting(Scored::score)
            .satisfiesExactly(a -> assertThat(a).isCloseTo(0.6, within(1e-12)),
                    c -> assertThat(c).isCloseTo(0.4, within(1e-12)),
                    b -> assertThat(b).isCloseTo(0.3, within(1e-12)),
                    d -> assertThat(d).isCloseTo(0.0, within(1e-12)));
    }

    @Test
    void normalizesARankingOfEqualScoresToOne() {
        List<Scored<String>> dense = List.of(new Scored<>("a", 0.8), new Scored<>("b", 0.2));
        List<Scored<String>> lexical = List.of(new Scored<>("b", 0.3), new Scored<>("c", 0.3));

        // dense: a 1, b 0; lexical (all equal): b 1, c 1. alpha 0.5: a 0.5, b 0.5, c 0.5; order of first appearance.
        assertThat(RankFusion.weighted(dense, lexical, ID, 0.5, 10)).extracting(Scored::item)
            .containsExactly("a", "b", "c");
        // alpha 1 ignores the lexical ranking except as a source of candidates (score 0).
        assertThat(RankFusion.weighted(dense, lexical, ID, 1.0, 10)).extracting(Scored::score)
            .containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    void letsChunksOfOneDocumentFoundByDifferentRankingsReinforceEachOther() {
        // Items are "document#chunk". Dense found chunk 1 of doc x, lexical found chunk 2 of doc x; y is in both.
        Function<String, String> document = item -> item.substring(0, item.indexOf('#'));
        List<Scored<String>> dense = List.of(new Scored<>("x#1", 0.9), new Scored<>("y#1", 0.8),
                new Scored<>("z#1", 0.5));
        List<Scored<String>> lexical = List.of(new Scored<>("x#2", 10), new Scored<>("y#1", 6), new Scored<>("w#1", 2));

        // Plain: dense x#1 1, y#1 0.75, z#1 0; lexical x#2 1, y#1 0.5, w#1 0.
        // x#1 = 0.5, y#1 = 0.375 + 0.25 = 0.625, x#2 = 0.5.
        assertThat(RankFusion.weighted(dense, lexical, ID, ID, 0.5, 0, 10)).extracting(Scored::item)
            .startsWith("y#1", "x#1", "x#2");
        // Sibling weight 0.8: x#1 = 0.5 + 0.5*0.8 = 0.9 and x#2 = 0.5*0.8 + 0.5 = 0.9; y#1 unchanged.
        List<Scored<String>> grouped = RankFusion.weighted(dense, lexical, ID, document, 0.5, 0.8, 10);
        assertThat(grouped).extracting(Scored::item).startsWith("x#1", "x#2", "y#1");
        assertThat(grouped.get(0).score()).isCloseTo(0.9, within(1e-12));
        assertThat(grouped.get(2).score()).isCloseTo(0.625, within(1e-12));
        // A document's own best chunk keeps its own score where that is higher than the share.
        assertThat(grouped).extracting(Scored::item).endsWith("z#1", "w#1");
    }

    @Test
    void rejectsParametersOutsideTheirRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> RankFusion.reciprocalRank(List.of(), ID, -1, 5));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> RankFusion.weighted(List.of(), List.<Scored<String>>of(), ID, 1.1, 5));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> RankFusion.weighted(List.of(), List.<Scored<String>>of(), ID, ID, 0.5, 1.5, 5));
    }

    private static List<Scored<String>> ranking(String... items) {
        return IntStream.range(0, items.length)
            .mapToObj(i -> new Scored<>(items[i], items.length - i))
            .toList();
    }
}
