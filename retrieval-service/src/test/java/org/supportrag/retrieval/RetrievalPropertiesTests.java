package org.supportrag.retrieval;

import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.SearchMode;
import org.supportrag.retrieval.RetrievalProperties.FusionMethod;
import org.supportrag.retrieval.RetrievalProperties.IterativeScan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetrievalPropertiesTests {

    @Test
    void usesTheDefaultTopKWhenNoneIsRequested() {
        assertThat(properties(100, 5, 50).effectiveTopK(null)).isEqualTo(5);
    }

    @Test
    void capsTheRequestedTopKAtTheMaximum() {
        RetrievalProperties properties = properties(100, 5, 50);
        assertThat(properties.effectiveTopK(8)).isEqualTo(8);
        assertThat(properties.effectiveTopK(100)).isEqualTo(50);
    }

    @Test
    void rejectsAnEfSearchOutsidePgvectorsLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(0, 5, 50)).withMessageContaining("ef-search");
        assertThatIllegalArgumentException().isThrownBy(() -> properties(1001, 5, 50));
    }

    @Test
    void rejectsADefaultTopKAboveTheMaximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(100, 60, 50))
            .withMessageContaining("default-top-k");
    }

    @Test
    void rejectsAMaximumTopKAboveWhatTheApiAllows() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(100, 5, 101))
            .withMessageContaining("max-top-k");
    }

    @Test
    void mapsIterativeScanModesToPgvectorSettings() {
        assertThat(IterativeScan.STRICT_ORDER.setting()).isEqualTo("strict_order");
        assertThat(IterativeScan.RELAXED_ORDER.setting()).isEqualTo("relaxed_order");
        assertThat(IterativeScan.OFF.setting()).isEqualTo("off");
    }

    @Test
    void usesTheConfiguredModeWhenNoneIsRequested() {
        RetrievalProperties properties = properties(100, 5, 50);
        assertThat(properties.effectiveMode(null)).isEqualTo(SearchMode.DENSE);
        assertThat(properties.effectiveMode("hybrid")).isEqualTo(SearchMode.HYBRID);
        assertThat(properties.effectiveMode("lexical")).isEqualTo(SearchMode.LEXICAL);
    }

    @Test
    void takesAtLeastTopKCandidatesFromEachRanking() {
        RetrievalProperties properties = fusion(20, 60, 0.5);
        assertThat(properties.fusionCandidates(5)).isEqualTo(20);
        assertThat(properties.fusionCandidates(40)).isEqualTo(40);
    }

    @Test
    void rejectsFusionSettingsOutsideTheirRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> fusion(0, 60, 0.5))
            .withMessageContaining("fusion-candidates");
        assertThatIllegalArgumentException().isThrownBy(() -> fusion(50, -1, 0.5)).withMessageContaining("rrf-k");
        assertThatIllegalArgumentException().isThrownBy(() -> fusion(50, 60, 1.5))
            .withMessageContaining("fusion-alpha");
        assertThatIllegalArgumentException().isThrownBy(() -> fusion(50, 60, Double.NaN))
            .withMessageContaining("fusion-alpha");
    }

    private static RetrievalProperties properties(int efSearch, int defaultTopK, int maxTopK) {
        return new RetrievalProperties(efSearch, defaultTopK, maxTopK, IterativeScan.STRICT_ORDER, SearchMode.DENSE,
                FusionMethod.RRF, 50, 60, 0.5, 0, 100, defaults().lexical(), defaults().rerank(), defaults().context(),
                defaults().rewrite());
    }

    private static RetrievalProperties fusion(int candidates, int rrfK, double alpha) {
        return new RetrievalProperties(100, 5, 50, IterativeScan.STRICT_ORDER, SearchMode.DENSE, FusionMethod.RRF,
                candidates, rrfK, alpha, 0, 100, defaults().lexical(), defaults().rerank(), defaults().context(),
                defaults().rewrite());
    }

    /** Nested settings bound from no properties at all: the declared defaults. */
    private static RetrievalProperties defaults() {
        return new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of()))
            .bindOrCreate("rag.retrieval", RetrievalProperties.class);
    }
}
