package org.supportrag.eval.drift;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Drift detection, prefix {@code rag.eval.drift}.
 *
 * @param enabled compute on a schedule
 * @param interval time between computations (one replica at a time computes, under a PostgreSQL advisory lock)
 * @param currentWindow the recent window compared
 * @param referenceWindow the window before it that is compared against
 * @param minSamples fewer turns than this in either window: the knowledge base is reported as not enough data
 * @param bins PSI bins (at the reference's quantiles)
 * @param clusters k of the k-means over the reference window's query embeddings
 * @param farQuantile a current query is far from every reference cluster when its similarity to the nearest
 *                    centroid is below this quantile of the reference queries' own similarities
 * @param gapMaxTopScore a turn whose best retrieval score is below this had no good source (a knowledge gap), as
 *                       had declined turns and turns escalated for low confidence
 * @param gapSimilarity questions at least this similar (cosine) to a gap cluster's centroid join it
 * @param maxGaps knowledge gaps listed per report
 * @param tenants tenants always computed, besides those generation reports turns for
 */
@ConfigurationProperties("rag.eval.drift")
record DriftProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
        @DefaultValue("7d") Duration currentWindow, @DefaultValue("28d") Duration referenceWindow,
        @DefaultValue("30") int minSamples, @DefaultValue("10") int bins, @DefaultValue("8") int clusters,
        @DefaultValue("0.05") double farQuantile, @DefaultValue("0.3") double gapMaxTopScore,
        @DefaultValue("0.8") double gapSimilarity, @DefaultValue("20") int maxGaps,
        @DefaultValue List<String> tenants) {

    public DriftProperties {
        if (bins < 2 || clusters < 1 || minSamples < 2) {
            throw new IllegalArgumentException("rag.eval.drift: bins >= 2, clusters >= 1 and min-samples >= 2");
        }
        if (farQuantile <= 0 || farQuantile >= 1) {
            throw new IllegalArgumentException("rag.eval.drift.far-quantile must be in (0, 1)");
        }
        tenants = List.copyOf(tenants);
    }
}
