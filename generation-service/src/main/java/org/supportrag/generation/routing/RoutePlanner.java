package org.supportrag.generation.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;

import org.supportrag.generation.answer.Question;
import org.supportrag.generation.budget.BudgetStatus;
import org.supportrag.generation.model.LlmModel;
import org.supportrag.generation.model.ModelRegistry;

/**
 * The models to try for a turn, in order: the start model and every cheaper one. The start is the first declared
 * model, moved to a cheaper one by the tenant's tier, a simple question, or an exhausted budget.
 */
@RequiredArgsConstructor
final class RoutePlanner {

    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]\\s+\\S");

    private final ModelRegistry models;
    private final RoutingProperties routing;

    List<LlmModel> plan(BudgetStatus budget, Question question) {
        return plan(budget, question, null);
    }

    /** As above; a {@code requested} model (an evaluation variant's) starts instead, with its cheaper fallbacks. */
    List<LlmModel> plan(BudgetStatus budget, Question question, @Nullable String requested) {
        List<LlmModel> all = models.all();
        if (requested != null && models.find(requested).isPresent()) {
            return fromStart(all, models.find(requested).get());
        }
        LlmModel start = all.getFirst();
        LlmModel cheapest = models.cheapest().orElse(start);
        String tierModel = routing.tierModel(budget.tier());
        if (tierModel != null) {
            start = cheaper(start, models.find(tierModel).orElse(start));
        }
        if (isSimple(question)) {
            start = cheaper(start, cheapest);
        }
        if (budget.isExhausted()) {
            start = cheapest;
        }
        return fromStart(all, start);
    }

    private static List<LlmModel> fromStart(List<LlmModel> all, LlmModel first) {
        List<LlmModel> plan = new ArrayList<>();
        plan.add(first);
        all.stream()
            .filter(model -> model != first && model.costRank() < first.costRank())
            .sorted(Comparator.comparingInt(LlmModel::costRank).reversed())
            .forEach(plan::add);
        return plan;
    }

    private static LlmModel cheaper(LlmModel a, LlmModel b) {
        return b.costRank() < a.costRank() ? b : a;
    }

    /** A short single-sentence first question: the cheaper model answers those as well. */
    boolean isSimple(Question question) {
        if (routing.simpleMaxWords() == 0 || !question.history().isEmpty()) {
            return false;
        }
        String text = question.text().strip();
        return WORD.matcher(text).results().count() <= routing.simpleMaxWords()
                && !SENTENCE_END.matcher(text).find();
    }
}
