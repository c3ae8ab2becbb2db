package org.supportrag.eval.generation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.resilience.PeerClients;
import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.defaults.sampling.Sampling;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;

/**
 * Reads generation's interaction log and conversations over REST. Every call carries a service token of the
 * tenant asked about (minted here, so scheduled jobs without a caller work the same as requests). Reads only: guarded
 * as the idempotent remote call {@code generation} (retried after an I/O error or a 5xx).
 */
@Component
public class GenerationClient {

    /** The tenant claim of the platform-wide tenant listing: any non-blank value, the endpoint ignores it. */
    static final String PLATFORM = "_platform";
    private static final int PAGE = 500;

    private final RestClient rest;
    private final InternalTokenService tokens;
    private final RemoteCall guard;

    GenerationClient(RestClient.Builder builder, GenerationPeer peer, InternalTokenService tokens,
            RemoteCalls remoteCalls) {
        this.guard = remoteCalls.idempotent("generation");
        this.rest = PeerClients.create(builder, peer.generationUrl(), java.time.Duration.ofSeconds(5),
                peer.generationReadTimeout());
        this.tokens = tokens;
    }

    record Page(List<LoggedTurn> items, @Nullable String next) {
    }

    record Tenants(List<String> tenants) {
    }

    /** The staff view of a conversation: messages with role, content and citations. */
    public record Conversation(UUID conversationId, List<Message> messages) {
    }

    public record Message(UUID messageId, String role, String content, @Nullable List<Map<String, Object>> citations) {
    }

    /** Every logged turn of the tenant in [since, until), oldest first. */
    public List<LoggedTurn> turns(String tenant, Instant since, Instant until, @Nullable String knowledgeBase) {
        return turns(tenant, since, until, knowledgeBase, null, 1);
    }

    /**
     * The tenant's logged turns in [since, until) that the named sample selects at this rate ({@link Sampling}),
     * oldest first: generation filters them, so a 10 % sampler reads a tenth of the log, not all of it.
     */
    public List<LoggedTurn> sampledTurns(String tenant, Instant since, Instant until, String sample, double rate) {
        if (rate <= 0) {
            return List.of();
        }
        return turns(tenant, since, until, null, sample, Math.min(rate, 1));
    }

    private List<LoggedTurn> turns(String tenant, Instant since, Instant until, @Nullable String knowledgeBase,
            @Nullable String sample, double rate) {
        List<LoggedTurn> all = new ArrayList<>();
        String after = null;
        do {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/v1/interaction-log")
                .queryParam("since", since.toString())
                .queryParam("until", until.toString())
                .queryParam("limit", PAGE);
            if (knowledgeBase != null) {
                uri.queryParam("knowledgeBase", knowledgeBase);
            }
            if (sample != null && rate < 1) {
                uri.queryParam("sample", sample).queryParam("rate", rate);
            }
            if (after != null) {
                uri.queryParam("after", after);
            }
            Page page = call(() -> rest.get()
                .uri(uri.encode().build().toUriString())
                .headers(headers -> headers.setBearerAuth(token(tenant)))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(Page.class));
            if (page == null) {
                break;
            }
            all.addAll(page.items());
            after = page.next();
        }
        while (after != null);
        return all;
    }

    public Optional<LoggedTurn> turn(String tenant, UUID messageId) {
        return find(tenant, "/api/v1/interaction-log/{id}", messageId, LoggedTurn.class);
    }

    public Optional<Conversation> conversation(String tenant, UUID conversationId) {
        return find(tenant, "/api/v1/conversations/{id}", conversationId, Conversation.class);
    }

    /** The citations of a logged answer as the staff view of its conversation shows them; empty when not found. */
    public List<Map<String, Object>> citations(String tenant, LoggedTurn turn) {
        return conversation(tenant, turn.conversationId())
            .flatMap(conversation -> conversation.messages()
                .stream()
                .filter(message -> message.messageId().equals(turn.messageId()))
                .findFirst())
            .map(message -> message.citations() == null ? List.<Map<String, Object>>of() : message.citations())
            .orElse(List.of());
    }

    /** One resource by id; empty when generation answers 404. */
    private <T> Optional<T> find(String tenant, String uri, UUID id, Class<T> type) {
        try {
            return Optional.ofNullable(guard.call(() -> rest.get()
                .uri(uri, id)
                .headers(headers -> headers.setBearerAuth(token(tenant)))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(type)));
        }
        catch (RestClientResponseException ex) {
            if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                return Optional.empty();
            }
            throw unavailable();
        }
        catch (RestClientException ex) {
            throw unavailable();
        }
    }

    /** Tenants with logged turns since the given time, for the scheduled jobs. */
    public List<String> tenants(Instant since) {
        Tenants found = call(() -> rest.get()
            .uri("/api/v1/interaction-log/tenants?since={since}", since.toString())
            .headers(headers -> headers.setBearerAuth(token(PLATFORM)))
            .accept(MediaType.APPLICATION_JSON)
            .retrieve()
            .body(Tenants.class));
        return found == null ? List.of() : found.tenants();
    }

    /** The configured tenants, then every other tenant with turns since then; each once. */
    public Set<String> tenants(Collection<String> configured, Instant since) {
        Set<String> tenants = new LinkedHashSet<>(configured);
        tenants.addAll(tenants(since));
        return tenants;
    }

    private String token(String tenant) {
        return tokens.mint(CallerIdentity.service(tenant, "eval-service"));
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return guard.call(request);
        }
        catch (RestClientException ex) {
            throw unavailable();
        }
    }

    private static ApiProblemException unavailable() {
        return ApiProblemException.upstream("upstream-unavailable", "Generation unavailable",
                "The generation service could not be reached; try again shortly.");
    }
}
