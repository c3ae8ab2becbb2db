package org.supportrag.generation.confidence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GlossaryTests {

    @Test
    void glossesAGermanQuestionWordByWordInEnglish() {
        assertThat(Glossary.english("Wie lange dauert eine Rückerstattung?")).isEqualTo("how long takes a refund?");
    }

    @Test
    void splitsCompoundsIntoKnownParts() {
        assertThat(Glossary.word("versandkosten")).isEqualTo("shipping cost");
        assertThat(Glossary.word("rechnungsadressen")).isEqualTo("billing address");
        assertThat(Glossary.word("paketgewicht")).isEqualTo("parcel weight");
        assertThat(Glossary.word("zahlungsfrist")).isEqualTo("payment deadline");
    }

    @Test
    void keepsWordsItDoesNotKnowAsWritten() {
        assertThat(Glossary.english("Kann ich mit Klarna in Frankfurt bezahlen?"))
            .isEqualTo("can I with Klarna in Frankfurt pay?");
    }

    @Test
    void leavesEnglishQuestionsAlone() {
        String question = "How long does a refund take?";
        assertThat(Glossary.english(question)).isSameAs(question);
    }

    @Test
    void givesTheAskedForTypeOfAGermanQuestionInEnglish() {
        assertThat(AnswerType.of(Glossary.english("Wie viel kostet der Versand nach Österreich?")))
            .isEqualTo(AnswerType.PRICE);
    }
}
