package org.supportrag.eval.judge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agreement of two raters on the same items: accuracy (share of equal verdicts) and Cohen's kappa,
 * {@code (po - pe) / (1 - pe)} with {@code po} the observed and {@code pe} the chance agreement from each rater's
 * marginal shares. Kappa is 1 when both agree by chance alone in every item ({@code pe = 1}) and agree.
 */
record Agreement(int items, double accuracy, double kappa) {

    public static Agreement of(List<String> first, List<String> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("both raters must rate the same items");
        }
        int n = first.size();
        if (n == 0) {
            return new Agreement(0, Double.NaN, Double.NaN);
        }
        Map<String, Integer> firstCounts = new HashMap<>();
        Map<String, Integer> secondCounts = new HashMap<>();
        int agree = 0;
        for (int i = 0; i < n; i++) {
            firstCounts.merge(first.get(i), 1, Integer::sum);
            secondCounts.merge(second.get(i), 1, Integer::sum);
            if (first.get(i).equals(second.get(i))) {
                agree++;
            }
        }
        double observed = (double) agree / n;
        Set<String> categories = new HashSet<>(firstCounts.keySet());
        categories.addAll(secondCounts.keySet());
        double chance = 0;
        for (String category : categories) {
            chance += (firstCounts.getOrDefault(category, 0) / (double) n)
                    * (secondCounts.getOrDefault(category, 0) / (double) n);
        }
        double kappa = chance >= 1 ? (observed >= 1 ? 1 : 0) : (observed - chance) / (1 - chance);
        return new Agreement(n, observed, kappa);
    }
}
