package org.supportrag.ingestion.document;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
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
        return Awaitility.await("job " + jobUrl + " completed or cancelled")
            .atMost(timeout)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> get(http, token, jobUrl), job -> {
                String status = job.path("status").asString("");
                return status.equals("completed") || status.equals("cancelled");
            });
    }

    /** Uploads {@code files} small Markdown guides to knowledge base {@code support}; returns the job's URL. */
    static String uploadGuides(RestClient http, String token, int files) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        for (int i = 0; i < files; i++) {
            form.part("files", new ByteArrayResource(("# Guide " + i + "\n\nStep " + i + ": open Settings and press Save.\n")
                .getBytes(StandardCharsets.UTF_8))).filename("guide-" + i + ".md");
        }
        JsonNode accepted = JSON.readTree(http.post()
            .uri("/api/v1/knowledge-bases/support/documents")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(form.build())
            .retrieve()
            .body(String.class));
        return accepted.get("jobUrl").asString();
    }

    static void awaitUntil(BooleanSupplier condition, Duration timeout, String what) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    public static JsonNode get(RestClient http, String token, String jobUrl) {
        String body = http.get().uri(jobUrl).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().body(String.class);
        return JSON.readTree(body);
    }
}
