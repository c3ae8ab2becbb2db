package org.supportrag.generation.answer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How help-center Markdown is cut into quotable passages (no model needed). */
class PassagesTests {

    @Test
    void aShortLeadInKeepsTheTableItIntroduces() {
        var passages = Passages.split("""
                Required columns:
                | Column | Example |
                |---|---|
                | `order_number` | `1042` |
                | `postal_code` | `97201` |
                | `country_code` | `US` |
                """);

        assertThat(passages).extracting(Passages.Passage::text)
            .containsExactly("Required columns: order_number: 1042; postal_code: 97201; country_code: US");
    }

    @Test
    void anFaqAnswerIsQuotedWholeAndReadWithItsQuestion() {
        var passages = Passages.split("""
                **I lost my API key. Can you send it to me again?** No. Keys are shown only once. Roll the key or \
                create a new one.
                """);

        assertThat(passages).hasSize(1);
        assertThat(passages.getFirst().text())
            .isEqualTo("No. Keys are shown only once. Roll the key or create a new one.");
        assertThat(passages.getFirst().lead()).isEqualTo("I lost my API key. Can you send it to me again?");
    }

    @Test
    void sentencesAfterAQuestionAreReadAsItsAnswer() {
        var passages = Passages.split("Why was I charged more than my plan price? The invoice probably includes "
                + "extra labels or extra SMS from the previous month, or taxes.");

        assertThat(passages).extracting(Passages.Passage::lead)
            .containsExactly("Why was I charged more than my plan price?");
    }

    @Test
    void aSentencePointingBackIsQuotedWithTheOneBeforeIt() {
        var passages = Passages.split("If the Owner has left the company and can't be reached, support can transfer "
                + "ownership after verifying the business. This requires written confirmation from an authorized "
                + "person and takes up to 5 business days.");

        assertThat(passages).extracting(Passages.Passage::text)
            .anySatisfy(text -> assertThat(text).startsWith("If the Owner has left")
                .endsWith("takes up to 5 business days."));
    }

    @Test
    void codeSamplesAreNeverQuotedButTheirLeadInIs() {
        var passages = Passages.split("""
                Each request has a JSON body of at most 256 KB:

                ```json
                {
                  "id": "evt_01HZX3K9M2",
                  "type": "tracking.delivered"
                }
                ```
                """);

        assertThat(passages).extracting(Passages.Passage::text)
            .containsExactly("Each request has a JSON body of at most 256 KB:");
    }

    @Test
    void whatRetrievalsCompressionLeftOutSeparatesPassages() {
        var passages = Passages.split("Go to Settings, Data, Export. … Choose a date range of up to 12 months.");

        assertThat(passages).extracting(Passages.Passage::text)
            .containsExactly("Go to Settings, Data, Export.", "Choose a date range of up to 12 months.");
    }
}
