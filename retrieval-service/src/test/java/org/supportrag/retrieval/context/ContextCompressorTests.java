package org.supportrag.retrieval.context;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContextCompressorTests {

    /** One token per whitespace-separated word: enough to check budgets. */
    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    private static final String RETURNS = "Our stores open at nine every weekday. Parking is free for customers. "
            + "To return an item, print the return label from your order page and drop the parcel at any post office. "
            + "Gift cards cannot be exchanged for cash. Refunds for returned items arrive within 14 days. "
            + "Our newsletter appears monthly.";

    @Test
    void keepsTheSentencesThatShareWordsWithTheQueryInReadingOrder() {
        ContextCompressor compressor = new ContextCompressor(ContextCompressorTests::words, 40, 5);

        ContextCompressor.Compressed result = compressor.compress("How do I return an item and get a refund?",
                List.of(RETURNS)).getFirst();

        assertThat(result.text()).isEqualTo("To return an item, print the return label from your order page and drop "
                + "the parcel at any post office. … Refunds for returned items arrive within 14 days.");
        assertThat(result.tokensBefore()).isEqualTo(words(RETURNS));
        assertThat(result.tokensAfter()).isEqualTo(words(result.text())).isLessThan(result.tokensBefore());
        assertThat(RETURNS).contains(result.text().split(" … ")[0]).contains(result.text().split(" … ")[1]);
    }

    @Test
    void keepsShortTextsAndTextsWithinTheBudgetWhole() {
        ContextCompressor compressor = new ContextCompressor(ContextCompressorTests::words, 1000, 5);

        assertThat(compressor.compress("return an item", List.of(RETURNS)).getFirst().text()).isEqualTo(RETURNS);
        assertThat(new ContextCompressor(ContextCompressorTests::words, 1, 100).compress("return", List.of(RETURNS))
            .getFirst()
            .text()).isEqualTo(RETURNS);
    }

    @Test
    void alwaysKeepsTheBestSentenceEvenWhenTheBudgetIsSpent() {
        ContextCompressor compressor = new ContextCompressor(ContextCompressorTests::words, 1, 1);

        List<ContextCompressor.Compressed> results = compressor.compress("gift cards cash",
                List.of(RETURNS, RETURNS));

        assertThat(results).extracting(ContextCompressor.Compressed::text)
            .containsOnly("Gift cards cannot be exchanged for cash.");
    }

    private static final String CSV_IMPORT = """
            Upload the file under Orders, Import. Rows with errors are listed with the reason and skipped. \
            Parcelly remembers the mapping of your columns. Our office is closed on public holidays.

            Required columns:

            | Column | Example |
            |---|---|
            | `order_number` | `1042` |
            | `recipient_name` | `Jamie Rivera` |
            | `postal_code` | `97201` |

            Optional columns include `state` and `phone`.
            """;

    @Test
    void keepsATableWithItsLeadInAndHeaderWhenOneOfItsRowsIsKept() {
        ContextCompressor compressor = new ContextCompressor(ContextCompressorTests::words, 30, 5);

        String kept = compressor.compress("Which columns does my order file need at minimum?", List.of(CSV_IMPORT))
            .getFirst()
            .text();

        assertThat(kept).contains("Required columns:", "| Column | Example |", "|---|---|", "`order_number`",
                "`recipient_name`", "`postal_code`");
        assertThat(kept).doesNotContain("public holidays");
    }

    @Test
    void keepsAListWithTheLeadInThatIntroducesIt() {
        String text = """
                Parcelly can send texts to shoppers. Our team likes pizza on Fridays. Texts follow these rules:
                - Shoppers can reply STOP to stop all texts.
                - Quiet hours: messages between 21:00 and 08:00 are held.
                - Texts are limited to 160 characters.
                """;
        ContextCompressor compressor = new ContextCompressor(ContextCompressorTests::words, 10, 5);

        String kept = compressor.compress("Will shoppers get texts at night?", List.of(text)).getFirst().text();

        assertThat(kept).contains("Texts follow these rules:", "STOP", "21:00 and 08:00", "160 characters")
            .doesNotContain("pizza");
    }
}
