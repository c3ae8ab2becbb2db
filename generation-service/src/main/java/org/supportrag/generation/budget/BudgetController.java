package org.supportrag.generation.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.usage.UsageLedger;

/**
 * {@code GET/PUT /api/v1/budgets} (admins change their tenant's budgets, ops may read them) and
 * {@code GET /api/v1/usage} (ops and admins): the caller's tenant only.
 */
@RestController
@RequiredArgsConstructor
class BudgetController {

    static final String BUDGETS = "/api/v1/budgets";
    static final String USAGE = "/api/v1/usage";
    private static final Pattern TIER = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final BudgetService budgets;
    private final UsageLedger usage;

    record BudgetView(@Nullable Long dailyTokens, @Nullable Long monthlyTokens, @Nullable BigDecimal dailyCostUsd,
            @Nullable BigDecimal monthlyCostUsd, String onExhausted, String tier, @Nullable Instant updatedAt,
            @Nullable String updatedBy, TotalsView today, TotalsView month, List<String> exhausted) {
    }

    record TotalsView(long tokens, BigDecimal costUsd, BigDecimal savedUsd) {

        static TotalsView of(UsageLedger.Totals totals) {
            return new TotalsView(totals.tokens(), totals.costUsd().stripTrailingZeros(),
                    totals.savedUsd().stripTrailingZeros());
        }
    }

    record BudgetUpdate(@Nullable Long dailyTokens, @Nullable Long monthlyTokens, @Nullable BigDecimal dailyCostUsd,
            @Nullable BigDecimal monthlyCostUsd, @Nullable String onExhausted, @Nullable String tier) {
    }

    @GetMapping(path = BUDGETS, produces = MediaType.APPLICATION_JSON_VALUE)
    BudgetView get(CallerIdentity caller) {
        requireAny(caller, Set.of(Roles.ADMIN, Roles.OPS));
        return view(budgets.budget(caller.tenantId()));
    }

    /** Replaces the budget: an omitted limit becomes unlimited. */
    @PutMapping(path = BUDGETS, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    BudgetView put(@RequestBody BudgetUpdate update, CallerIdentity caller) {
        requireAny(caller, Set.of(Roles.ADMIN));
        List<String> errors = new ArrayList<>();
        nonNegative(errors, "dailyTokens", update.dailyTokens());
        nonNegative(errors, "monthlyTokens", update.monthlyTokens());
        nonNegative(errors, "dailyCostUsd", update.dailyCostUsd());
        nonNegative(errors, "monthlyCostUsd", update.monthlyCostUsd());
        Budget.OnExhausted onExhausted = update.onExhausted() == null ? Budget.OnExhausted.CHEAPER_MODEL
                : Budget.OnExhausted.parse(update.onExhausted());
        if (onExhausted == null) {
            errors.add("onExhausted: must be cheaper_model or refuse");
        }
        String tier = update.tier() == null ? budgets.budget(caller.tenantId()).tier() : update.tier();
        if (!TIER.matcher(tier).matches()) {
            errors.add("tier: must be 1-40 lower-case letters, digits or '-', starting with a letter");
        }
        if (!errors.isEmpty() || onExhausted == null) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    String.join("; ", errors), Map.of("errors", errors));
        }
        return view(budgets.save(new Budget(caller.tenantId(), update.dailyTokens(), update.monthlyTokens(),
                update.dailyCostUsd(), update.monthlyCostUsd(), onExhausted, tier, null, null), caller.subject()));
    }

    record UsageView(TotalsView today, TotalsView month, List<UsageLedger.Breakdown> monthByModel,
            UsageLedger.@Nullable ConversationUsage conversation) {
    }

    @GetMapping(path = USAGE, produces = MediaType.APPLICATION_JSON_VALUE)
    UsageView usage(@RequestParam(required = false) @Nullable String conversationId, CallerIdentity caller) {
        requireAny(caller, Set.of(Roles.ADMIN, Roles.OPS));
        UsageLedger.ConversationUsage conversation = null;
        if (conversationId != null) {
            UUID id;
            try {
                id = UUID.fromString(conversationId);
            }
            catch (IllegalArgumentException ex) {
                throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                        "conversationId: must be a UUID", Map.of("errors", List.of("conversationId: must be a UUID")));
            }
            conversation = usage.conversation(caller.tenantId(), id);
        }
        String tenant = caller.tenantId();
        return new UsageView(TotalsView.of(usage.today(tenant)), TotalsView.of(usage.month(tenant)),
                usage.monthBreakdown(tenant), conversation);
    }

    private BudgetView view(Budget budget) {
        BudgetStatus status = budgets.status(budget.tenantId());
        return new BudgetView(budget.dailyTokens(), budget.monthlyTokens(), budget.dailyCostUsd(),
                budget.monthlyCostUsd(), budget.onExhausted().value(), budget.tier(), budget.updatedAt(),
                budget.updatedBy(), TotalsView.of(usage.today(budget.tenantId())),
                TotalsView.of(usage.month(budget.tenantId())), status.exhausted());
    }

    private static void nonNegative(List<String> errors, String field, @Nullable Number value) {
        if (value != null && value.doubleValue() < 0) {
            errors.add(field + ": must not be negative");
        }
    }

    private static void requireAny(CallerIdentity caller, Set<String> roles) {
        if (roles.stream().noneMatch(caller::hasRole)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden",
                    "This API needs one of the roles " + String.join(", ", roles) + ".");
        }
    }
}
