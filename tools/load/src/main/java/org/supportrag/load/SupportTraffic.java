package org.supportrag.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Traffic like the widget's and the console's: customers holding multi-turn conversations with think time (some
 * asking what the knowledge base cannot answer, some asking for a person, some rating an answer), agents taking
 * handed-over conversations from the queue and replying, and an admin uploading documents all the while.
 */
public class SupportTraffic extends Simulation {

    private static final Logger LOG = LoggerFactory.getLogger(SupportTraffic.class);

    private static final LoadConfig CONFIG = LoadConfig.fromSystem();

    static final Outcomes OUTCOMES = new Outcomes(CONFIG.output());

    private static final List<String> QUESTIONS = lines("questions.txt");

    private static final List<String> UNANSWERABLE = lines("unanswerable.txt");

    private static final List<String> FOLLOW_UPS = lines("follow-ups.txt");

    private static final AtomicLong DOCUMENTS = new AtomicLong();

    private static final Gateways GATEWAYS = new Gateways(CONFIG.baseUrls(), CONFIG.failover());

    // As the widget (recover.js): a broken-off turn's stored answer is looked up 20 times, 1.5 s apart.
    private static final int RECOVER_ATTEMPTS = 20;

    private static final Duration RECOVER_WAIT = Duration.ofMillis(1500);

    // As the widget (feedback.js): a vote is re-sent for at most this long, within the run.
    static final Duration VOTE_RETRY_WINDOW = Duration.ofMinutes(3);

    private static final long RUN_ENDS_MS = System.currentTimeMillis()
            + CONFIG.duration().plus(CONFIG.turnTimeout()).minusSeconds(2).toMillis();

    static final String NO_EVENT = "no event (error status or refused connection)";

    static final String NO_END_AFTER_META = "no done after meta (stream cut and answer not stored, or turn timeout)";

    private final HttpProtocolBuilder protocol = http.baseUrls(CONFIG.baseUrls())
        .contentTypeHeader("application/json")
        .acceptHeader("application/json")
        .userAgentHeader("supportrag-load")
        // Gatling's own timeout for the streamed turn is the await below; this one bounds connect and headers.
        .disableCaching();

    public SupportTraffic() {
        Duration duration = CONFIG.duration();
        // Conversations start spread over one think time, then a new one starts whenever one ends (closed model).
        setUp(customers().injectClosed(rampConcurrentUsers(0).to(CONFIG.conversations()).during(CONFIG.think()),
                constantConcurrentUsers(CONFIG.conversations()).during(duration.minus(CONFIG.think()))),
                agents().injectOpen(atOnceUsers(CONFIG.agents())),
                ingestion().injectOpen(atOnceUsers(CONFIG.ingestEvery().isZero() ? 0 : 1)))
            .protocols(this.protocol)
            .maxDuration(duration.plus(CONFIG.turnTimeout()));
    }

    @Override
    public void after() {
        System.out.println("[load] summary " + Outcomes.JSON.writeValueAsString(OUTCOMES.finish(CONFIG)));
    }

    private static ScenarioBuilder customers() {
        return scenario("customer").exec((session) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            boolean unanswerable = random.nextDouble() < CONFIG.unanswerableShare();
            return session.set("gateway", GATEWAYS.assign())
                .set("turns", random.nextInt(CONFIG.minTurns(), CONFIG.maxTurns() + 1))
                .set("message", pick(unanswerable ? UNANSWERABLE : QUESTIONS));
        })
            .exec(turn())
            .exec(repeat((session) -> session.getInt("turns") - 1).on(pause(thinkMin(), thinkMax())
                .exec((session) -> session.set("message", pick(FOLLOW_UPS)))
                .exec(turn())))
            .exec(doIf((session) -> session.contains("messageId")
                    && ThreadLocalRandom.current().nextDouble() < CONFIG.feedbackShare())
                .then(pause(Duration.ofSeconds(1), Duration.ofSeconds(3)).exec(vote())))
            .exec(doIf((session) -> session.contains("conversationId")
                    && ThreadLocalRandom.current().nextDouble() < CONFIG.personShare())
                .then(pause(thinkMin(), thinkMax()).exec(counted("talk to a person", http("talk to a person")
                    .post("#{gateway}/api/v1/conversations/#{conversationId}/escalate")
                    .header("X-Api-Key", CONFIG.widgetKey())
                    .header("Origin", CONFIG.origin())
                    .body(StringBody("{\"reason\": \"I would like to talk to a person\"}"))
                    .check(status().is(200))))));
    }

    /**
     * A rating of the last answer, sent as the widget (feedback.js) sends it: a 502/503/504, a 429 or a network error
     * is re-sent with exponential backoff and jitter (at least Retry-After) until {@link #VOTE_RETRY_WINDOW} has passed
     * or the run ends; any other status is final. Eval upserts per message and customer, so a re-send stores it once.
     */
    private static ChainBuilder vote() {
        return exec((session) -> session.set("vote", json(Map.of("conversationId", session.getString("conversationId"),
                    "messageId", session.getString("messageId"), "rating",
                    ThreadLocalRandom.current().nextDouble() < 0.8 ? "up" : "down")))
                .set("voteRetries", 0)
                .set("voteUntil", Math.min(System.currentTimeMillis() + VOTE_RETRY_WINDOW.toMillis(), RUN_ENDS_MS))
                .remove("voteOutcome"))
            .asLongAs((session) -> !session.contains("voteOutcome"))
            .on(exec((session) -> session.remove("voteStatus").remove("retryAfter"))
                .exec(http("feedback").post("#{gateway}/api/v1/feedback")
                    .header("X-Api-Key", CONFIG.widgetKey())
                    .header("Origin", CONFIG.origin())
                    .body(StringBody("#{vote}"))
                    // Any status is read here (a 503 is not a failed request but a vote to send again).
                    .check(status().saveAs("voteStatus"), header("Retry-After").optional().saveAs("retryAfter")))
                .exec(SupportTraffic::afterVoteAttempt)
                .doIf((session) -> !session.contains("voteOutcome"))
                .then(pause((session) -> Duration.ofMillis(session.getLong("voteWaitMs")))))
            .exec((session) -> {
                String outcome = session.getString("voteOutcome");
                OUTCOMES.request("feedback", "sent".equals(outcome));
                OUTCOMES.vote(Objects.requireNonNull(outcome), session.getInt("voteRetries"));
                return session.markAsSucceeded();
            });
    }

    private static Session afterVoteAttempt(Session session) {
        Integer status = session.contains("voteStatus") ? session.getInt("voteStatus") : null; // none: network error
        if (status != null && status >= 200 && status < 300) {
            return session.set("voteOutcome", "sent").markAsSucceeded();
        }
        if (status != null && !Votes.retriable(status)) {
            return session.set("voteOutcome", "refused").markAsSucceeded();
        }
        int retries = session.getInt("voteRetries");
        long wait = Votes.backoffMillis(retries, session.contains("retryAfter") ? session.getString("retryAfter") : null,
                ThreadLocalRandom.current().nextDouble());
        if (System.currentTimeMillis() + wait > session.getLong("voteUntil")) {
            return session.set("voteOutcome", "lost").markAsSucceeded();
        }
        OUTCOMES.request("feedback re-sent", true);
        Session next = GATEWAYS.severalWithFailover() ? session.set("gateway", GATEWAYS.next(session.getString("gateway")))
                : session;
        return next.set("voteRetries", retries + 1).set("voteWaitMs", wait).markAsSucceeded();
    }

    /**
     * One customer turn over SSE: {@code meta}, the first {@code token}, then {@code done} or {@code error}. A turn
     * that got no event at all (refused connection, error status) is sent once more to another gateway, as a balancer
     * does when a replica is gone; the first attempt is not counted as a turn.
     */
    private static ChainBuilder turn() {
        return exec((session) -> session.set("turnStart", System.nanoTime()))
            .exec(turnAttempt())
            .exec(doIf((session) -> !session.contains("messageId") && !session.contains("endEvent")
                    && GATEWAYS.severalWithFailover())
                .then(exec(sse("close").close()).exec((session) -> {
                    OUTCOMES.request("turn sent to another gateway", true);
                    return session.set("gateway", GATEWAYS.next(session.getString("gateway")));
                }).exec(turnAttempt())))
            .exec(recoverCutTurn())
            .exec(SupportTraffic::recordTurn)
            .exec(sse("close").close())
            .exec(Session::markAsSucceeded);
    }

    private static ChainBuilder turnAttempt() {
        // A failure of the previous turn's close (its stream had crashed) must not count against this one.
        return exec((session) -> session.markAsSucceeded()
            .remove("endEvent")
            .remove("escalated")
            .remove("errorType")
            .remove("flags")
            .remove("messageId")
            .remove("recoveredRole")
            .remove("recoveredEscalation"))
            .exec(sse("turn").post("#{gateway}/api/v1/chat")
                .header("X-Api-Key", CONFIG.widgetKey())
                .header("Origin", CONFIG.origin())
                .header("Content-Type", "application/json")
                .body(StringBody(SupportTraffic::chatBody))
                .await(CONFIG.turnTimeout())
                .on(sse.checkMessage("meta")
                    .matching(jsonPath("$.event").is("meta"))
                    .check(jsonPath("$.data.conversationId").saveAs("conversationId"),
                            jsonPath("$.data.messageId").saveAs("messageId")),
                        sse.checkMessage("first token")
                            .matching(jsonPath("$.event").in("token", "done", "error"))
                            .check(jsonPath("$.event").transformWithSession((event, session) -> {
                                OUTCOMES.firstToken(session.getLong("turnStart"));
                                return event;
                            }).saveAs("firstEvent")),
                        sse.checkMessage("end")
                            .matching(jsonPath("$.event").in("done", "error"))
                            .check(jsonPath("$.event").saveAs("endEvent"),
                                    jsonPath("$.data.escalated").ofBoolean().optional().saveAs("escalated"),
                                    jsonPath("$.data.flags[*]").findAll().optional().saveAs("flags"),
                                    jsonPath("$.data.type").optional().saveAs("errorType"))));
    }

    /**
     * A turn whose stream broke off after {@code meta} (its gateway replica died, the connection dropped): the
     * service still finishes and stores the answer, and the widget fetches it from the conversation through whichever
     * replica is up. So does the generator, before it counts the turn failed.
     */
    private static ChainBuilder recoverCutTurn() {
        return doIf((session) -> session.contains("messageId") && session.contains("conversationId")
                && !session.contains("endEvent"))
            .then(exec(sse("close").close()).exec((session) -> (GATEWAYS.severalWithFailover()
                    ? session.set("gateway", GATEWAYS.next(session.getString("gateway"))) : session)
                .set("recoverAttempt", 0)
                .remove("recoveredRole")
                .remove("recoveredEscalation")
                .markAsSucceeded())
                .asLongAs((session) -> !session.contains("recoveredRole")
                        && session.getInt("recoverAttempt") < RECOVER_ATTEMPTS)
                .on(exec(http("recover turn").get("#{gateway}/api/v1/conversations/#{conversationId}")
                    .header("X-Api-Key", CONFIG.widgetKey())
                    .header("Origin", CONFIG.origin())
                    .check(status().is(200),
                            jsonPath("$.messages[?(@.messageId == '#{messageId}' && @.role == 'assistant')].role")
                                .optional()
                                .saveAs("recoveredRole"),
                            jsonPath("$.escalation.status").optional().saveAs("recoveredEscalation")))
                    .exec((session) -> session.set("recoverAttempt", session.getInt("recoverAttempt") + 1)
                        .markAsSucceeded())
                    .doIf((session) -> !session.contains("recoveredRole"))
                    .then(pause(RECOVER_WAIT)))
                .exec((session) -> {
                    OUTCOMES.request("turn recovered from the stored conversation", session.contains("recoveredRole"));
                    return session;
                }));
    }

    private static Session recordTurn(Session session) {
        String end = session.contains("endEvent") ? session.getString("endEvent") : null;
        Outcomes.Outcome outcome;
        String failure = null;
        if (end == null && session.contains("recoveredRole")) {
            // Broken off but stored: what the customer sees once the widget has fetched it.
            String escalation = session.contains("recoveredEscalation") ? session.getString("recoveredEscalation")
                    : null;
            outcome = escalation != null && !"resolved".equals(escalation) ? Outcomes.Outcome.ESCALATED
                    : Outcomes.Outcome.ANSWERED;
        }
        else if ("done".equals(end) && !session.isFailed()) {
            outcome = session.contains("escalated") && session.getBoolean("escalated") ? Outcomes.Outcome.ESCALATED
                    : Outcomes.Outcome.ANSWERED;
        }
        else {
            outcome = Outcomes.Outcome.FAILED;
            // Without an event the request failed before the stream (an error status, a refused connection); after
            // meta the stream broke off and its answer was not stored in time, or did not end in time.
            failure = session.contains("errorType") ? session.getString("errorType")
                    : end != null ? end
                    : session.contains("messageId") ? NO_END_AFTER_META : NO_EVENT;
            // Next to Gatling's own line of the same user (its status or exception) in failed-requests.log.
            LOG.info("Turn failed for user {}: {} (gateway {}, conversation {}, message {}, started {} ms ago)",
                    session.userId(), failure, session.getString("gateway"),
                    session.contains("conversationId") ? session.getString("conversationId") : "new",
                    session.contains("messageId") ? session.getString("messageId") : "none",
                    (System.nanoTime() - session.getLong("turnStart")) / 1_000_000);
        }
        OUTCOMES.turn(session.getLong("turnStart"), outcome,
                session.contains("conversationId") ? session.getString("conversationId") : null,
                session.contains("messageId") && outcome != Outcomes.Outcome.FAILED ? session.getString("messageId")
                        : null,
                failure, session.contains("flags") ? session.getList("flags") : List.of());
        // A failed turn is counted here; the customer goes on (a later turn may succeed).
        return session.markAsSucceeded();
    }

    /**
     * Agents poll the hand-over queue, claim the oldest open conversation, reply and resolve it, as the console
     * does; with the admin key (staff) rather than a console sign-in.
     */
    private static ScenarioBuilder agents() {
        return scenario("agent").exec((session) -> session.set("gateway", GATEWAYS.assign())).exec(during(CONFIG.duration()).on(exec(counted("escalation queue", http("escalation queue")
            .get("#{gateway}/api/v1/escalations?status=open")
            .header("X-Api-Key", CONFIG.adminKey())
            .check(status().is(200), jsonPath("$.items[0].conversationId").optional().saveAs("handover"))))
            .exec(doIfOrElse((session) -> session.contains("handover")).then(exec(counted("claim", http("claim")
                .post("#{gateway}/api/v1/escalations/#{handover}/claim")
                .header("X-Api-Key", CONFIG.adminKey())
                .check(status().is(200))))
                .pause(Duration.ofSeconds(2), Duration.ofSeconds(6))
                .exec(counted("agent reply", http("agent reply").post("#{gateway}/api/v1/conversations/#{handover}/agent-replies")
                    .header("X-Api-Key", CONFIG.adminKey())
                    .body(StringBody("{\"text\": \"Hi, this is Sam from support. I am looking into it now.\"}"))
                    .check(status().in(200, 201))))
                .exec(counted("resolve", http("resolve").post("#{gateway}/api/v1/escalations/#{handover}/resolve")
                    .header("X-Api-Key", CONFIG.adminKey())
                    .check(status().is(200))))
                .exec((session) -> session.remove("handover")))
                .orElse(pause(Duration.ofSeconds(3))))));
    }

    /** An admin uploads a small document every few seconds and polls its job until it ends. */
    private static ScenarioBuilder ingestion() {
        return scenario("ingestion").exec((session) -> session.set("gateway", GATEWAYS.assign())).exec(during(CONFIG.duration()).on(exec((session) -> session.set("document",
                DOCUMENTS.incrementAndGet()).remove("jobStatus"))
            .exec(counted("upload document", http("upload document").post("#{gateway}/api/v1/knowledge-bases/" + CONFIG.knowledgeBase() + "/documents")
                .header("X-Api-Key", CONFIG.adminKey())
                .header("Content-Type", "multipart/form-data")
                .bodyPart(StringBodyPart("files", SupportTraffic::document).fileName("load-notes-#{document}.md")
                    .contentType("text/markdown"))
                .asMultipartForm()
                .check(status().is(202), header("Location").saveAs("job"))))
            .exec(asLongAs((session) -> session.contains("job") && !session.contains("jobStatus")
                    || List.of("queued", "running", "pending").contains(session.getString("jobStatus")))
                .on(pause(Duration.ofSeconds(1))
                    .exec(counted("ingestion job", http("ingestion job").get("#{job}")
                        .header("X-Api-Key", CONFIG.adminKey())
                        .check(status().is(200), jsonPath("$.status").saveAs("jobStatus"))))
                    .exec((session) -> session.isFailed() ? session.set("jobStatus", "unknown").markAsSucceeded()
                            : session)))
            .exec((session) -> {
                OUTCOMES.request("ingestion job completed", "completed".equals(session.getString("jobStatus")));
                return session.remove("job");
            })
            .pause(CONFIG.ingestEvery())));
    }

    /**
     * Runs a request and counts whether it succeeded; a failure does not end the virtual user but moves it to another
     * gateway for its next requests (with failover).
     */
    private static ChainBuilder counted(String name, HttpRequestActionBuilder request) {
        return exec(request).exec((session) -> {
            OUTCOMES.request(name, !session.isFailed());
            Session next = session.isFailed() && GATEWAYS.severalWithFailover() && session.contains("gateway")
                    ? session.set("gateway", GATEWAYS.next(session.getString("gateway"))) : session;
            return next.markAsSucceeded();
        });
    }

    private static String chatBody(Session session) {
        return session.contains("conversationId")
                ? json(Map.of("message", session.getString("message"), "conversationId",
                        session.getString("conversationId")))
                : json(Map.of("message", session.getString("message")));
    }

    private static String document(Session session) {
        long n = session.getLong("document");
        return "# Release notes " + n + "\n\n## Label printing update " + n
                + "\nThe label designer in release " + n + " remembers the last paper size per printer and shows a"
                + " preview before printing. Bulk printing handles up to 500 labels per batch.\n\n## Tracking "
                + "emails\nTracking emails of release " + n + " include the carrier's estimated delivery window.\n";
    }

    private static Duration thinkMin() {
        return CONFIG.think().dividedBy(2);
    }

    private static Duration thinkMax() {
        return CONFIG.think().plus(CONFIG.think().dividedBy(2));
    }

    private static String pick(List<String> options) {
        return options.get(ThreadLocalRandom.current().nextInt(options.size()));
    }

    private static String json(Map<String, ?> body) {
        return Outcomes.JSON.writeValueAsString(body);
    }

    private static List<String> lines(String name) {
        try (InputStream in = Objects.requireNonNull(SupportTraffic.class.getResourceAsStream("/load/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter((line) -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
