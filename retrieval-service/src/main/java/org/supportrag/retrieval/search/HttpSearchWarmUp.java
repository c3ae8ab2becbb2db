package org.supportrag.retrieval.search;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;

/**
 * Searches the service's own API over the loopback once its port is open and before it reports ready (runners run
 * before the readiness state changes), so a restarted replica's first customers do not pay for what the in-process
 * {@link SearchWarmUp} cannot reach: the web, security and JSON layers' class loading and first (interpreted) calls,
 * and the follow-up path (rewrite, the knowledge base's names, the conversation leg). After a restart under load they
 * had cost the first 6-12 s of searches about twice their CPU (JFR, docs/benchmarks.md Round 14).
 * <p>
 * A third of the searches are follow-ups with a short history. The caller is the service itself with a token it
 * mints; its searches are left out of the search metrics (the HTTP server's request metrics do count them).
 */
@Component
class HttpSearchWarmUp implements ApplicationRunner {

    /** The warm-ups' caller name; searches by it are not counted. */
    static final String CALLER = "retrieval-warm-up";

    private static final Logger log = LoggerFactory.getLogger(HttpSearchWarmUp.class);
    private static final List<String> FOLLOW_UPS = List.of("How long does that take?", "And what does it cost?",
            "Can I do that from the app?");

    private final JdbcClient jdbc;
    private final InternalTokenService tokens;
    private final Environment environment;
    private final SearchWarmUp.Settings settings;

    HttpSearchWarmUp(JdbcClient jdbc, InternalTokenService tokens, Environment environment,
            SearchWarmUp.Settings settings) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.environment = environment;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer port = environment.getProperty("local.server.port", Integer.class);
        if (settings.httpSearches() > 0 && port != null && port > 0) {
            run(port);
        }
    }

    /** A question about the sample and its passage as the answer: what a follow-up is rewritten with. */
    private static List<ConversationTurn> history(SearchWarmUp.Sample sample) {
        return List.of(new ConversationTurn(ConversationTurn.USER, sample.titleQuestion()),
                new ConversationTurn(ConversationTurn.ASSISTANT, sample.openingQuery()));
    }

    /** Runs the warm-up against the port; returns how many searches answered 2xx. */
    int run(int port) {
        long started = System.nanoTime();
        int done = 0;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            List<SearchWarmUp.Sample> samples = SearchWarmUp.samples(jdbc, settings.httpSearches() / 3 + 1);
            if (samples.isEmpty()) {
                return 0;
            }
            JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
            requests.setReadTimeout(Duration.ofSeconds(10));
            RestClient client = RestClient.builder().requestFactory(requests).baseUrl("http://127.0.0.1:" + port)
                .build();
            Map<String, String> tokenOfTenant = new HashMap<>();
            long deadline = started + settings.maxDuration().toNanos();
            for (int i = 0; i < settings.httpSearches() && System.nanoTime() < deadline; i++) {
                SearchWarmUp.Sample sample = samples.get((i / 3) % samples.size());
                SearchRequest request = switch (i % 3) {
                    case 0 -> new SearchRequest(sample.titleQuestion(), sample.knowledgeBase(), null);
                    case 1 -> new SearchRequest(sample.openingQuery(), sample.knowledgeBase(), null);
                    default -> new SearchRequest(FOLLOW_UPS.get((i / 3) % FOLLOW_UPS.size()), sample.knowledgeBase(),
                            null, null, null, history(sample));
                };
                String token = tokenOfTenant.computeIfAbsent(sample.tenant(),
                        tenant -> tokens.mint(CallerIdentity.service(tenant, CALLER)));
                client.post()
                    .uri(RetrievalApi.SEARCH)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .body(request)
                    .retrieve()
                    .toBodilessEntity();
                done++;
            }
        }
        catch (RuntimeException ex) {
            log.warn("HTTP search warm-up stopped after {} searches: {}", done, ex.toString());
        }
        finally {
            http.close();
        }
        log.info("HTTP search warm-up: {} searches in {} ms", done, (System.nanoTime() - started) / 1_000_000);
        return done;
    }
}
