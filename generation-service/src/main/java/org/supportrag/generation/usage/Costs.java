package org.supportrag.generation.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Cost arithmetic: prices are USD per million tokens; amounts are kept to the nano-dollar. */
public final class Costs {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final int SCALE = 9;

    private Costs() {
    }

    /** What {@code tokens} cost at {@code pricePerMillion}. */
    public static BigDecimal of(long tokens, double pricePerMillion) {
        return BigDecimal.valueOf(tokens)
            .multiply(BigDecimal.valueOf(pricePerMillion))
            .divide(MILLION, SCALE, RoundingMode.HALF_UP);
    }

    /** A chat call: prompt tokens at the input price plus completion tokens at the output price. */
    public static BigDecimal chat(int promptTokens, int completionTokens, double promptPricePerMillion,
            double completionPricePerMillion) {
        return of(promptTokens, promptPricePerMillion).add(of(completionTokens, completionPricePerMillion));
    }

    /** The sum of the items' costs, cache savings excluded. */
    public static BigDecimal spent(List<UsageItem> items) {
        return items.stream()
            .filter(item -> item.operation() != UsageItem.Operation.CACHE_SAVED)
            .map(UsageItem::costUsd)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Tokens that count against token budgets: those of LLM calls. */
    public static long tokens(List<UsageItem> items) {
        return items.stream()
            .filter(item -> item.operation() == UsageItem.Operation.CHAT)
            .mapToLong(item -> (long) item.promptTokens() + item.completionTokens())
            .sum();
    }
}
