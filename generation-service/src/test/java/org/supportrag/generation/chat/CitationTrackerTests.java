package org.supportrag.generation.chat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.generation.conversation.Citation;
import org.supportrag.generation.testing.FakeRetrieval;

import static org.assertj.core.api.Assertions.assertThat;

class CitationTrackerTests {

    private final CitationTracker tracker = new CitationTracker(
            List.of(FakeRetrieval.REFUNDS, FakeRetrieval.SHIPPING, FakeRetrieval.PASSWORD));

    @Test
    void reportsACitationWhenItsMarkerCompletes() {
        assertThat(tracker.accept("Refunds take 5 days ")).isEmpty();
        assertThat(tracker.accept("[")).isEmpty();
        assertThat(tracker.accept("1")).isEmpty();

        List<Citation> completed = tracker.accept("]. Shipping");

        assertThat(completed).extracting(Citation::index).containsExactly(1);
        assertThat(completed.getFirst().chunkId()).isEqualTo(FakeRetrieval.REFUNDS.chunkId());
        assertThat(completed.getFirst().url()).isEqualTo(FakeRetrieval.REFUNDS.sourceUri());
    }

    @Test
    void reportsEachSourceOnceInOrderOfFirstUse() {
        tracker.accept("A [2]. B [1]. C [2].");

        assertThat(tracker.citations()).extracting(Citation::index).containsExactly(2, 1);
    }

    @Test
    void readsMarkersThatCiteSeveralSources() {
        assertThat(tracker.accept("Both [1, 3].")).extracting(Citation::index).containsExactly(1, 3);
    }

    @Test
    void ignoresMarkersWithoutARetrievedChunk() {
        assertThat(tracker.accept("Nothing [0] or [4] or [x] here [12].")).isEmpty();
        assertThat(tracker.citations()).isEmpty();
    }

    @Test
    void keepsSnippetsShort() {
        String snippet = Citation.of(1, FakeRetrieval.hit("Long", null, "word ".repeat(100), 0.5)).snippet();

        assertThat(snippet).hasSizeLessThanOrEqualTo(Citation.SNIPPET_CHARS).endsWith("…").startsWith("word word");
    }

    @Test
    void showsSnippetsAsPlainTextWithoutMarkdownSyntax() {
        String snippet = Citation.of(1, FakeRetrieval.hit("Sign in", null,
                "## Can't sign in\n- **Forgot password:** use `Forgot password?` on the sign-in page.", 0.5)).snippet();

        assertThat(snippet).isEqualTo("Can't sign in Forgot password: use Forgot password? on the sign-in page.");
    }
}
