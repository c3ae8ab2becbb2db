package org.supportrag.generation.guardrail;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import org.supportrag.defaults.resilience.PeerClients;
import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.resilience.RemoteCalls;

/**
 * The optional external moderation API (OpenAI moderation format). Only called when enabled; a failure or timeout
 * is reported as {@link Result#UNAVAILABLE} and the configured fail-open/fail-closed choice decides.
 */
final class ModerationClient {

    private static final Logger log = LoggerFactory.getLogger(ModerationClient.class);

    enum Result {
        ALLOWED, FLAGGED, UNAVAILABLE
    }

    record Response(@Nullable List<Item> results) {
    }

    record Item(boolean flagged) {
    }

    private final @Nullable RestClient rest;
    private final GuardrailProperties.Moderation settings;
    /** A classification: the same input gets the same verdict, so a failed attempt is retried. */
    private final RemoteCall guard;

    ModerationClient(RestClient.Builder builder, GuardrailProperties.Moderation settings, RemoteCalls remoteCalls) {
        this.settings = settings;
        this.guard = remoteCalls.idempotent("moderation");
        if (settings.enabled() && settings.url() != null) {
            this.rest = PeerClients.create(builder.clone(), settings.url(), settings.timeout(), settings.timeout());
        }
        else {
            this.rest = null;
        }
    }

    boolean enabled() {
        return rest != null;
    }

    boolean failClosed() {
        return settings.failClosed();
    }

    Result check(String text) {
        RestClient client = rest;
        if (client == null) {
            return Result.ALLOWED;
        }
        try {
            Map<String, Object> body = settings.model() == null ? Map.of("input", text)
                    : Map.of("input", text, "model", settings.model());
            Response response = guard.call(() -> client.post()
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
                        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey());
                    }
                })
                .body(body)
                .retrieve()
                .body(Response.class));
            if (response == null || response.results() == null || response.results().isEmpty()) {
                log.warn("Moderation API answered without results");
                return Result.UNAVAILABLE;
            }
            return response.results().stream().anyMatch(Item::flagged) ? Result.FLAGGED : Result.ALLOWED;
        }
        catch (RestClientException ex) {
            log.warn("Moderation API failed: {}", ex.getMessage());
            return Result.UNAVAILABLE;
        }
    }
}
