package org.supportrag.ingestion.document;

import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/** Polls a job until it is finished (completed or cancelled) and returns its final JSON. */
public final class Jobs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Jobs() {
    }

    public static JsonNode await(RestClient http, String token, String jobUrl) {
        return await(http, token, jobUrl, Duration.ofMinutes(2));
    }

    public static JsonNode await(RestClient http, String token, String jobUrl, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode job = get(http, token, jobUrl);
            String status = job.path("status").asString("");
            if (status.equals("completed") || status.equals("cancelled")) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job not finished after " + timeout + ": " + job);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
        }
    }

    public static JsonNode get(RestClient http, String token, String jobUrl) {
        String body = http.get().uri(jobUrl).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().body(String.class);
        return JSON.readTree(body);
    }
}
