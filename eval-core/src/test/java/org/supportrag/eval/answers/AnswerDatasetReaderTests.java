package org.supportrag.eval.answers;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AnswerDatasetReaderTests {

    private final AnswerDatasetReader reader = new AnswerDatasetReader();

    @Test
    void readsEveryTypeWithOptionalFieldsAndKeepsUnknownFieldsAsMetadata() throws Exception {
        List<AnswerCase> cases = read("""
                {"id": "a1", "type": "answerable", "turns": ["How long do refunds take?"], "facts": ["10 (business )?days"], "sources": ["help-center/refunds.md"], "reference": "Ten days."}

                {"id": "u1", "type": "unanswerable", "turns": ["Do you ship to Mars?"]}
                {"id": "m1", "type": "multiturn", "turns": ["I have a label.", "How do I void it?"], "split": "test"}
                {"id": "n1", "type": "no_handover", "turns": ["My colleague Anna asked: how do webhooks retry?"], "knowledgeBase": "demo"}
                """);

        assertThat(cases).extracting(AnswerCase::id).containsExactly("a1", "u1", "m1", "n1");
        assertThat(cases).extracting(AnswerCase::type)
            .containsExactly(CaseType.ANSWERABLE, CaseType.UNANSWERABLE, CaseType.MULTITURN, CaseType.NO_HANDOVER);
        assertThat(cases.get(0).reference()).isEqualTo("Ten days.");
        assertThat(cases.get(0).factPatterns().getFirst().matcher("within 10 BUSINESS days").find()).isTrue();
        assertThat(cases.get(1).facts()).isEmpty();
        assertThat(cases.get(2).lastTurn()).isEqualTo("How do I void it?");
        assertThat(cases.get(2).metadata()).containsEntry("split", "test");
        assertThat(cases.get(3).knowledgeBase()).isEqualTo("demo");
    }

    @Test
    void namesTheLineAndTheProblemOfAnInvalidCase() {
        assertProblem("{\"id\": \"a\", \"type\": \"answerable\", \"turns\": [\"q\"]}\nnot json", "line 2: not valid JSON");
        assertProblem("{\"id\": \"a\", \"type\": \"maybe\", \"turns\": [\"q\"]}",
                "line 1: unknown type 'maybe' (one of answerable, unanswerable, multiturn, no_handover)");
        assertProblem("{\"type\": \"answerable\", \"turns\": [\"q\"]}", "line 1: missing or empty 'id'");
        assertProblem("{\"id\": \"a\", \"type\": \"answerable\", \"turns\": []}",
                "line 1: 'turns' must hold at least one message");
        assertProblem("{\"id\": \"a\", \"type\": \"answerable\", \"turns\": \"q\"}",
                "line 1: 'turns' must be an array of strings");
        assertProblem("{\"id\": \"a\", \"type\": \"answerable\", \"turns\": [\"q\"], \"facts\": [\"ok\", \"(unclosed\"]}",
                "line 1: facts[1] is not a valid regular expression");
        assertProblem("{\"id\": \"a\", \"type\": \"answerable\", \"turns\": [\"q\"]}\n"
                + "{\"id\": \"a\", \"type\": \"unanswerable\", \"turns\": [\"r\"]}",
                "line 2: duplicate id 'a' (first on line 1)");
        assertProblem("\n\n", "no cases");
    }

    @Test
    void writesACaseBackInTheFormatItWasReadFrom() throws Exception {
        AnswerCase original = read("{\"id\": \"a1\", \"type\": \"multiturn\", \"turns\": [\"x\", \"y\"], "
                + "\"facts\": [\"z\"], \"sources\": [\"s.md\"], \"reference\": \"r\", \"tag\": 1}").getFirst();

        String line = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(original.toMap());

        assertThat(read(line).getFirst()).isEqualTo(original);
    }

    private List<AnswerCase> read(String content) throws Exception {
        return reader.read(new BufferedReader(new StringReader(content)), "cases.jsonl");
    }

    private void assertProblem(String content, String message) {
        assertThatExceptionOfType(AnswerDatasetException.class).isThrownBy(() -> read(content))
            .withMessageStartingWith("cases.jsonl")
            .withMessageContaining(message);
    }
}
