package org.supportrag.generation.live;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Delivers conversation events to the event streams open on this replica. One connection per replica LISTENs on
 * {@link ConversationEvents#CHANNEL}; a notification makes every stream of that conversation read its new events
 * from the table, so events published on any replica reach every stream. Streams also poll now and then, which
 * covers notifications missed while the listener reconnected.
 */
@Component
class LiveEventHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveEventHub.class);
    private static final int BATCH = 200;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final LiveProperties properties;
    private final Map<UUID, Set<Subscription>> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private volatile @Nullable ScheduledExecutorService scheduler;
    private volatile @Nullable Thread listener;

    LiveEventHub(DataSource dataSource, JdbcClient jdbc, LiveProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    record StoredEvent(long seq, UUID eventId, String kind, String payload) {
    }

    /** One open event stream. Sends are serialised per stream; {@code lastSeq} only grows. */
    final class Subscription {

        private final UUID conversationId;
        private final String tenantId;
        private final SseEmitter emitter;
        private long lastSeq;
        private volatile boolean closed;

        Subscription(UUID conversationId, String tenantId, SseEmitter emitter, long lastSeq) {
            this.conversationId = conversationId;
            this.tenantId = tenantId;
            this.emitter = emitter;
            this.lastSeq = lastSeq;
        }

        synchronized void catchUp() {
            while (!closed) {
                List<StoredEvent> events = after(tenantId, conversationId, lastSeq);
                for (StoredEvent event : events) {
                    if (!send(SseEmitter.event()
                        .id(event.eventId().toString())
                        .name(event.kind())
                        .data(event.payload(), MediaType.APPLICATION_JSON))) {
                        return;
                    }
                    lastSeq = event.seq();
                }
                if (events.size() < BATCH) {
                    return;
                }
            }
        }

        synchronized void heartbeat() {
            send(SseEmitter.event().comment("heartbeat"));
        }

        private boolean send(SseEmitter.SseEventBuilder event) {
            if (closed) {
                return false;
            }
            try {
                emitter.send(event);
                return true;
            }
            catch (IOException | IllegalStateException ex) {
                log.debug("Event stream client gone: {}", ex.getMessage());
                close();
                return false;
            }
        }

        void close() {
            closed = true;
            Set<Subscription> open = subscriptions.get(conversationId);
            if (open != null) {
                open.remove(this);
            }
        }
    }

    /**
     * Opens a stream of the conversation's events after {@code afterSeq}: past ones are sent at once, new ones as
     * they are published.
     */
    SseEmitter subscribe(String tenantId, UUID conversationId, long afterSeq) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Subscription subscription = new Subscription(conversationId, tenantId, emitter, afterSeq);
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(error -> subscription.close());
        subscriptions.computeIfAbsent(conversationId, id -> new CopyOnWriteArraySet<>()).add(subscription);
        // Events published before this stream registered are in the table already.
        Thread.ofVirtual().name("live-replay-", 0).start(subscription::catchUp);
        return emitter;
    }

    /** The newest event's position, where a stream without a cursor starts. */
    long latestSeq(String tenantId, UUID conversationId) {
        return jdbc.sql("""
                SELECT COALESCE(max(seq), 0) FROM conversation_events
                WHERE tenant_id = :tenant AND conversation_id = :conversation""")
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .query(Long.class)
            .single();
    }

    /**
     * The position right after {@code id}: an event id, or any message of the conversation (events up to its
     * creation count as seen); null when the id is unknown in this conversation.
     */
    @Nullable Long seqAfter(String tenantId, UUID conversationId, UUID id) {
        // One row, NULL when the id is neither an event nor a message of the conversation.
        List<@Nullable Long> seq = jdbc.sql("""
                SELECT COALESCE(
                    (SELECT seq FROM conversation_events
                      WHERE tenant_id = :tenant AND conversation_id = :conversation AND event_id = :id),
                    (SELECT COALESCE((SELECT max(e.seq) FROM conversation_events e
                                       WHERE e.tenant_id = m.tenant_id AND e.conversation_id = m.conversation_id
                                         AND e.created_at <= m.created_at), 0)
                       FROM messages m
                      WHERE m.tenant_id = :tenant AND m.conversation_id = :conversation AND m.id = :id))""")
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .param("id", id)
            .query(Long.class)
            .list();
        return seq.isEmpty() ? null : seq.getFirst();
    }

    private List<StoredEvent> after(String tenantId, UUID conversationId, long seq) {
        return jdbc.sql("""
                SELECT seq, event_id, kind, payload::text AS payload FROM conversation_events
                WHERE tenant_id = :tenant AND conversation_id = :conversation AND seq > :seq
                ORDER BY seq LIMIT :limit""")
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .param("seq", seq)
            .param("limit", BATCH)
            .query((row, number) -> new StoredEvent(row.getLong("seq"), row.getObject("event_id", UUID.class),
                    row.getString("kind"), row.getString("payload")))
            .list();
    }

    boolean listening() {
        return listening;
    }

    int openStreams() {
        return subscriptions.values().stream().mapToInt(Set::size).sum();
    }

    private void dispatch(UUID conversationId) {
        Set<Subscription> open = subscriptions.get(conversationId);
        if (open == null || open.isEmpty()) {
            return;
        }
        for (Subscription subscription : open) {
            Thread.ofVirtual().name("live-deliver-", 0).start(subscription::catchUp);
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ConversationEvents.CHANNEL);
                }
                listening = true;
                // Whatever was published while not listening.
                subscriptions.keySet().forEach(this::dispatch);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        try {
                            dispatch(UUID.fromString(notification.getParameter()));
                        }
                        catch (IllegalArgumentException ex) {
                            log.debug("Ignoring notification {}", notification.getParameter());
                        }
                    }
                }
            }
            catch (SQLException | RuntimeException ex) {
                listening = false;
                if (!running) {
                    return;
                }
                log.warn("Live event listener lost its connection, reconnecting: {}", ex.getMessage());
                try {
                    Thread.sleep(properties.reconnectDelay().toMillis());
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            finally {
                listening = false;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("live-events-timer").factory());
        long heartbeat = properties.heartbeat().toMillis();
        executor.scheduleWithFixedDelay(() -> each(Subscription::heartbeat), heartbeat, heartbeat,
                TimeUnit.MILLISECONDS);
        long poll = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> subscriptions.keySet().forEach(this::dispatch), poll, poll,
                TimeUnit.MILLISECONDS);
        scheduler = executor;
        listener = Thread.ofPlatform().daemon().name("live-events-listener").start(this::listen);
    }

    private void each(java.util.function.Consumer<Subscription> action) {
        for (Set<Subscription> open : subscriptions.values()) {
            for (Subscription subscription : open) {
                Thread.ofVirtual().start(() -> action.accept(subscription));
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
        }
        Thread thread = listener;
        if (thread != null) {
            try {
                thread.join(2000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        for (Set<Subscription> open : subscriptions.values()) {
            for (Subscription subscription : open) {
                subscription.close();
                try {
                    subscription.emitter.complete();
                }
                catch (RuntimeException ex) {
                    log.debug("Closing an event stream failed: {}", ex.getMessage());
                }
            }
        }
        subscriptions.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop before the web server drains requests, so open streams end cleanly.
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
