package org.supportrag.generation.routing;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.answer.ExtractiveAnswerer;
import org.supportrag.generation.budget.BudgetService;
import org.supportrag.generation.model.ModelRegistry;
import org.supportrag.generation.texts.CustomerTexts;
import org.supportrag.generation.usage.GenAiMetrics;
import org.supportrag.generation.usage.UsageLedger;
import org.supportrag.generation.usage.UsageProperties;

/** The model chain is the service's answerer. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    @Primary
    ModelChain modelChain(ModelRegistry models, ExtractiveAnswerer extractive, BudgetService budgets,
            UsageLedger ledger, GenAiMetrics metrics, TokenCounter tokens, RoutingProperties routing,
            UsageProperties prices, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
            BulkheadRegistry bulkheads, CustomerTexts texts) {
        return new ModelChain(models, extractive, budgets, ledger, metrics, new RoutePlanner(models, routing),
                new ModelGuards(models, routing, circuitBreakers, retries, bulkheads), new TurnPricing(tokens, prices),
                texts);
    }
}
