package org.supportrag.eval.candidate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestHttp;
import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.CaseType;
import org.supportrag.eval.dataset.DatasetItems;
import org.supportrag.eval.generation.LoggedTurn;
import org.supportrag.eval.online.FakeGeneration;
import org.supportrag.eval.testing.EvalClient;
import org.supportrag.eval.testing.EvalIT;
import org.supportrag.eval.testing.Peers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent's label (as the console posts it) becomes a candidate with the conversation's turns, the corrected
 * answer, the knowledge base and the cited documents; an admin accepts it and it is in the dataset's next version.
 * Over real HTTP and PostgreSQL, generation served over HTTP.
 */
@EvalIT
class CandidatesIT {

    static final FakeGeneration generation = Peers.GENERATION;

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    DatasetItems datasets;

    @Autowired
    JdbcClient jdbc;

    RestClient http;
    String tenant;
    EvalClient api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        http = TestHttp.lenientClient(port);
        tenant = "t-" + UUID.randomUUID();
        api = new EvalClient(http, tokens, tenant);
    }

    @Test
    void aLabelBecomesACandidateIsAcceptedAndIsInTheNextDatasetVersion() throws Exception {
        Conversation first = conversation("Can I get my money back for a gift card?",
                "Yes, gift cards are refundable within 30 days [1].");
        ResponseEntity<String> labelled = api.post(agent(), "/api/v1/labels", Map.of("conversationId", first.id(),
                "messageId", first.answer(), "label", "incorrect", "correctedAnswer",
                "No: digital gift cards are not refundable."));
        assertThat(labelled.getStatusCode().value()).as(labelled.getBody()).isEqualTo(201);

        JsonNode candidate = pending().get(0);
        assertThat(candidate.get("signal").stringValue()).isEqualTo("incorrect");
        assertThat(candidate.get("turns").get(0).stringValue()).isEqualTo("Hello");
        assertThat(candidate.get("turns").get(1).stringValue()).isEqualTo("Can I get my money back for a gift card?");
        assertThat(candidate.get("reference").stringValue()).isEqualTo("No: digital gift cards are not refundable.");
        assertThat(candidate.get("knowledgeBase").stringValue()).isEqualTo("help");
        assertThat(candidate.get("citedDocuments").get(0).get("url").stringValue())
            .isEqualTo("help-center/refunds.md#gift-cards");

        ResponseEntity<String> accepted = api.post(admin(),
                "/api/v1/eval/candidates/" + text(candidate, "id") + "/accept",
                Map.of("dataset", "from-labels", "facts", List.of("not refundable")));
        assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(200);
        assertThat(json.readTree(accepted.getBody()).get("datasetVersion").get("version").intValue()).isEqualTo(1);

        Conversation second = conversation("How do I reset my password?", "Click Forgot password [1].");
        api.post(agent(), "/api/v1/labels", Map.of("conversationId", second.id(), "messageId", second.answer(),
                "label", "correct"));
        JsonNode next = pending().get(0);
        ResponseEntity<String> acceptedAgain = api.post(admin(), "/api/v1/eval/candidates/" + text(next, "id")
                + "/accept", Map.of("dataset", "from-labels"));
        assertThat(json.readTree(acceptedAgain.getBody()).get("datasetVersion").get("version").intValue())
            .isEqualTo(2);

        List<AnswerCase> items = datasets.items(tenant, "from-labels", 2).orElseThrow();
        assertThat(items).hasSize(2);
        AnswerCase corrected = items.getFirst();
        assertThat(corrected.type()).isEqualTo(CaseType.MULTITURN);
        assertThat(corrected.reference()).isEqualTo("No: digital gift cards are not refundable.");
        assertThat(corrected.facts()).containsExactly("not refundable");
        assertThat(corrected.knowledgeBase()).isEqualTo("help");
        AnswerCase correct = items.get(1);
        assertThat(correct.reference()).isEqualTo("Click Forgot password [1].");
        assertThat(correct.sources()).containsExactly("help-center/refunds.md");
        assertThat(datasets.items(tenant, "from-labels", 1).orElseThrow()).hasSize(1);
    }

    @Test
    void aCommentedThumbsDownIsACandidateAndAnUncommentedOneIsNot() {
        Conversation commented = conversation("Where is my parcel?", "It ships in 3 days [1].");
        Conversation silent = conversation("Do you ship to Norway?", "Yes [1].");
        api.post(customer(), "/api/v1/feedback", Map.of("conversationId", commented.id(), "messageId",
                commented.answer(), "rating", "down", "comment", "It has been two weeks"));
        api.post(customer(), "/api/v1/feedback", Map.of("conversationId", silent.id(), "messageId", silent.answer(),
                "rating", "down"));

        JsonNode candidates = pending();
        assertThat(candidates.size()).isEqualTo(1);
        assertThat(candidates.get(0).get("signal").stringValue()).isEqualTo("thumbs_down");
        assertThat(candidates.get(0).get("comment").stringValue()).isEqualTo("It has been two weeks");
    }

    @Test
    void badDecisionsAreProblemsAndLoseNothing() throws Exception {
        Conversation conversation = conversation("Is insurance included?", "Yes [1].");
        api.post(agent(), "/api/v1/labels", Map.of("conversationId", conversation.id(), "messageId",
                conversation.answer(), "label", "missing_knowledge"));
        String id = text(pending().get(0), "id");

        ResponseEntity<String> badRegex = api.post(admin(), "/api/v1/eval/candidates/" + id + "/accept",
                Map.of("dataset", "d", "facts", List.of("(unclosed")));
        assertThat(badRegex.getStatusCode().value()).isEqualTo(400);
        assertThat(badRegex.getBody()).contains("urn:supportrag:problem:invalid-candidate-acceptance");
        ResponseEntity<String> badName = api.post(admin(), "/api/v1/eval/candidates/" + id + "/accept",
                Map.of("dataset", "no spaces allowed"));
        assertThat(badName.getStatusCode().value()).isEqualTo(400);
        assertThat(api.post(agent(), "/api/v1/eval/candidates/" + id + "/accept", Map.of("dataset", "d"))
            .getStatusCode().value()).isEqualTo(403);
        assertThat(pending().size()).isEqualTo(1);
        assertThat(datasets.latest(tenant, "d")).isEmpty();

        assertThat(api.post(admin(), "/api/v1/eval/candidates/" + id + "/reject", Map.of("reason", "duplicate"))
            .getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> again = api.post(admin(), "/api/v1/eval/candidates/" + id + "/accept",
                Map.of("dataset", "d"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).contains("urn:supportrag:problem:candidate-decided");
        assertThat(api.post(admin(), "/api/v1/eval/candidates/" + UUID.randomUUID() + "/reject", Map.of())
            .getStatusCode().value()).isEqualTo(404);
    }

    record Conversation(UUID id, UUID answer) {
    }

    /** A two-question conversation in the fake generation; the second answer is the one labelled. */
    private Conversation conversation(String question, String answer) {
        UUID id = UUID.randomUUID();
        UUID answerId = UUID.randomUUID();
        generation.conversation(id, List.of(
                Map.of("messageId", UUID.randomUUID(), "role", "user", "content", "Hello"),
                Map.of("messageId", UUID.randomUUID(), "role", "assistant", "content", "Hi! How can I help?"),
                Map.of("messageId", UUID.randomUUID(), "role", "user", "content", question),
                Map.of("messageId", answerId, "role", "assistant", "content", answer, "citations",
                        List.of(Map.of("index", 1, "documentId", UUID.randomUUID().toString(), "title", "Refunds",
                                "url", "help-center/refunds.md#gift-cards", "snippet", "Gift cards ...")))));
        var turn = FakeGeneration.turn(id, "help", Instant.now(), question, answer, 0.8, 0.7, false, List.of(),
                "production", 0.001);
        generation.add(tenant, new LoggedTurn(answerId, id, "help", turn.createdAt(),
                question, answer, 0.8, 0.7, false, List.of(), false, List.of(), "production", "primary", 0.001,
                List.of()));
        return new Conversation(id, answerId);
    }

    private JsonNode pending() {
        ResponseEntity<String> response = http.get()
            .uri("/api/v1/eval/candidates?status=pending")
            .headers(h -> h.setBearerAuth(admin()))
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody()).get("items");
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).stringValue();
    }

    private String agent() {
        return tokens.mint(new CallerIdentity(tenant, "agent@demo.local", Set.of(Roles.AGENT), Set.of(), null));
    }

    private String admin() {
        return tokens.mint(new CallerIdentity(tenant, "admin@demo.local", Set.of(Roles.ADMIN), Set.of(), null));
    }

    private String customer() {
        return tokens.mint(new CallerIdentity(tenant, "visitor-1", Set.of(Roles.CUSTOMER), Set.of(), null));
    }
}
