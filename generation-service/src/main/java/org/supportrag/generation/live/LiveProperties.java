package org.supportrag.generation.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live conversation events, prefix {@code rag.generation.live}.
 *
 * @param heartbeat interval of SSE comment heartbeats (keeps proxies from closing idle streams)
 * @param pollInterval every open stream also checks the database this often, in case a notification was missed
 *                     (e.g. while the listener reconnected)
 * @param streamTimeout how long one event stream stays open; clients reconnect with {@code Last-Event-ID}
 * @param reconnectDelay wait before the LISTEN connection is re-established after a failure
 */
@ConfigurationProperties("rag.generation.live")
record LiveProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("2s") Duration reconnectDelay) {
}
