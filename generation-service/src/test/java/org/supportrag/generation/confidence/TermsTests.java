package org.supportrag.generation.confidence;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.QueryTerm;

import static org.assertj.core.api.Assertions.assertThat;

class TermsTests {

    @Test
    void aNamedThingTheKnowledgeBaseNeverMentionsCounts() {
        String question = "Is there a Magento extension for Parcelly?";
        List<QueryTerm> terms = List.of(new QueryTerm("Magento", false), new QueryTerm("extension", false),
                new QueryTerm("Parcelly", true));

        assertThat(Terms.namesAbsent(question, terms)).isEqualTo(1);
    }

    @Test
    void anAbsentEverydayWordIsNoName() {
        String question = "My pictures are broken since yesterday, how do I fix the shipping labels?";
        List<QueryTerm> terms = List.of(new QueryTerm("pictures", false), new QueryTerm("broken", false),
                new QueryTerm("yesterday", false), new QueryTerm("shipping", true), new QueryTerm("labels", true));

        assertThat(Terms.namesAbsent(question, terms)).isZero();
    }

    @Test
    void theCapitalOpeningASentenceIsNoName() {
        String question = "Thanks. Refunds take how long?";
        List<QueryTerm> terms = List.of(new QueryTerm("Refunds", false), new QueryTerm("take", true));

        assertThat(Terms.namesAbsent(question, terms)).isZero();
    }

    @Test
    void innerCapitalsAndAcronymsAreNamesWherever() {
        assertThat(Terms.writtenLikeAName("GraphQL API?", "GraphQL")).isTrue();
        assertThat(Terms.writtenLikeAName("Do you have an SDK?", "SDK")).isTrue();
        assertThat(Terms.writtenLikeAName("iPad app?", "iPad")).isTrue();
        assertThat(Terms.writtenLikeAName("Do you ship to Italy?", "Italy")).isTrue();
        assertThat(Terms.writtenLikeAName("Italy: do you ship there?", "Italy")).isFalse();
    }

    @Test
    void nothingIsLearntWhenTheKnowledgeBaseHasFewOfTheWordsOrRetrievalDidNotSay() {
        // Another language than the knowledge base's, whose nouns are capitalized: most words are absent.
        List<QueryTerm> german = List.of(new QueryTerm("Wie", false), new QueryTerm("viele", false),
                new QueryTerm("Reset", true), new QueryTerm("Mails", false), new QueryTerm("kann", false));

        assertThat(Terms.namesAbsent("Wie viele Reset-Mails kann ich anfordern?", german)).isZero();
        assertThat(Terms.namesAbsent("Do you support Magento?", List.of())).isZero();
    }

    @Test
    void aShortQuestionWhoseEveryContentWordTheKnowledgeBaseLacksIsStillInItsLanguage() {
        // Retrieval dropped "is", "there", "a" as the knowledge base language's stop words.
        String question = "Is there a Salesforce connector?";
        List<QueryTerm> terms = List.of(new QueryTerm("Salesforce", false), new QueryTerm("connector", false));

        assertThat(Terms.namesAbsent(question, terms)).isEqualTo(1);
        assertThat(Terms.absentShare(question, terms)).isEqualTo(1);
    }

    @Test
    void aWordTheKnowledgeBaseNeverUsesCountsInLowerCaseToo() {
        String question = "can i connect my prestashop store";
        List<QueryTerm> terms = List.of(new QueryTerm("connect", true), new QueryTerm("prestashop", false),
                new QueryTerm("store", true));

        assertThat(Terms.namesAbsent(question, terms)).isZero();
        assertThat(Terms.absentShare(question, terms)).isGreaterThan(0.4);
        assertThat(Terms.rarestAbsent(question, terms)).isEqualTo(1);
    }

    @Test
    void anAbsentEverydayWordWeighsLessThanAnAbsentRareOne() {
        String everyday = "My labels print blank every week";
        List<QueryTerm> terms = List.of(new QueryTerm("labels", true), new QueryTerm("print", true),
                new QueryTerm("blank", true), new QueryTerm("every", true), new QueryTerm("week", false));
        String rare = "My labels print blank on the rollo zd8";
        List<QueryTerm> rareTerms = List.of(new QueryTerm("labels", true), new QueryTerm("print", true),
                new QueryTerm("blank", true), new QueryTerm("rollo", true), new QueryTerm("zd8", false));

        assertThat(Terms.rarestAbsent(everyday, terms)).isLessThan(Terms.rarestAbsent(rare, rareTerms));
    }

    @Test
    void aQuestionInAnotherLanguageSaysNothingAboutTheKnowledgeBasesVocabulary() {
        String question = "Funktioniert Parcelly für ein Lager in Italien?";
        List<QueryTerm> terms = List.of(new QueryTerm("Funktioniert", false), new QueryTerm("Parcelly", true),
                new QueryTerm("für", false), new QueryTerm("ein", false), new QueryTerm("Lager", false),
                new QueryTerm("Italien", false));

        assertThat(Terms.absentShare(question, terms)).isZero();
        assertThat(Terms.rarestAbsent(question, terms)).isZero();
        assertThat(Terms.namesAbsent(question, terms)).isZero();
    }
}
