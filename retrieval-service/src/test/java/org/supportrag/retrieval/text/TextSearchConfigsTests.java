package org.supportrag.retrieval.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSearchConfigsTests {

    @Test
    void mapsLanguagesPostgresCanStemToTheirConfigurationAndOthersToSimple() {
        assertThat(TextSearchConfigs.forLanguage("de")).isEqualTo("german");
        assertThat(TextSearchConfigs.forLanguage("en")).isEqualTo("english");
        assertThat(TextSearchConfigs.forLanguage("nb")).isEqualTo("norwegian");
        assertThat(TextSearchConfigs.forLanguage("ja")).isEqualTo("simple");
    }

    @Test
    void treatsAnUnknownLanguageAsTheDefault() {
        assertThat(TextSearchConfigs.forLanguage(null)).isEqualTo(TextSearchConfigs.DEFAULT);
    }

    @Test
    void splitsSentencesAndLines() {
        assertThat(Sentences.split("First one. Second one?\n- item\nLast")).extracting(String::strip)
            .containsExactly("First one.", "Second one?", "- item", "Last");
        assertThat(String.join("", Sentences.split("A b. C d.\nE"))).isEqualTo("A b. C d.\nE");
    }

    @Test
    void keepsContentWordsWithALightStem() {
        assertThat(Terms.of("How do I get my refunds for the deliveries?")).containsExactly("refund", "delivery");
    }
}
