package org.supportrag.eval.experiment;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Experiment runs.
 *
 * @param chatUrl      where runs enter the chat pipeline: generation's {@code /api/v1/chat} (it retrieves through the
 *                     retrieval service); the gateway only authenticates customers' keys, and services hold none
 * @param pollInterval how often an idle worker looks for queued runs
 * @param lease        how long a worker owns a run without renewing (a crashed worker's run is resumed after it)
 * @param chatTimeout  the longest one chat turn may take
 * @param enabled      whether this replica works on runs
 * @param retrievalUrl where runs of BEIR datasets search: the retrieval service's {@code /api/v1/search}
 */
@ConfigurationProperties("rag.eval.runs")
record RunProperties(@DefaultValue("http://127.0.0.1:8083") URI chatUrl, @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("60s") Duration lease, @DefaultValue("2m") Duration chatTimeout,
        @DefaultValue("true") boolean enabled, @DefaultValue("http://127.0.0.1:8082") URI retrievalUrl) {
}
