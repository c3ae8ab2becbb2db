package org.supportrag.generation.crm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CRM connector, prefix {@code rag.generation.crm}: a REST API read for the customer of a verified widget
 * identity (CallerIdentity.customerId). Global settings apply to every tenant; {@code tenants.<tenant>.*}
 * overrides the base URL and credentials per tenant. Secrets never appear in logs or {@link #toString()}.
 *
 * @param enabled whether the connector is used at all; env {@code RAG_GENERATION_CRM_ENABLED}
 * @param baseUrl the CRM API root for tenants without their own; env {@code RAG_GENERATION_CRM_BASE_URL}
 * @param apiKey credential sent with every call, {@code null} for none; env {@code RAG_GENERATION_CRM_API_KEY}
 * @param authHeader header carrying the credential
 * @param authScheme prefix of the credential in that header ({@code Bearer}); empty for the bare key
 * @param customerPath path of a customer's profile; {@code {customerId}} is replaced (URL-encoded)
 * @param accountPath path of a customer's account (plan, balance, status)
 * @param ordersPath path of a customer's recent orders
 * @param connectTimeout connect timeout of each call
 * @param readTimeout read timeout of each call; a slower CRM degrades the answer
 * @param toolCalling whether LLM answers fetch CRM data through tool calls (the model must support tools);
 *                    otherwise, and for the offline answerer, the data is fetched before answering
 * @param maxChars most characters of one CRM response passed to the model
 * @param circuitBreaker when to stop calling a failing CRM for a while (one breaker per tenant)
 * @param tenants per-tenant overrides by tenant id
 */
@ConfigurationProperties("rag.generation.crm")
record CrmProperties(
        @DefaultValue("false") boolean enabled,
        @Nullable URI baseUrl,
        @Nullable String apiKey,
        @DefaultValue("Authorization") String authHeader,
        @DefaultValue("Bearer") String authScheme,
        @DefaultValue("/customers/{customerId}") String customerPath,
        @DefaultValue("/customers/{customerId}/account") String accountPath,
        @DefaultValue("/customers/{customerId}/orders") String ordersPath,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("2s") Duration readTimeout,
        @DefaultValue("true") boolean toolCalling,
        @DefaultValue("4000") int maxChars,
        @DefaultValue CircuitBreaker circuitBreaker,
        @Nullable Map<String, Tenant> tenants) {

    public CrmProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        if (maxChars < 100) {
            throw new IllegalArgumentException("rag.generation.crm.max-chars must be at least 100");
        }
        if (!connectTimeout.isPositive() || !readTimeout.isPositive()) {
            throw new IllegalArgumentException("rag.generation.crm timeouts must be positive");
        }
    }

    /** The connection of one tenant, or null when it has no CRM. */
    @Nullable
    Connection connection(String tenantId) {
        Tenant tenant = tenants == null ? null : tenants.get(tenantId);
        if (!enabled || (tenant != null && Boolean.FALSE.equals(tenant.enabled()))) {
            return null;
        }
        URI url = tenant != null && present(tenant.baseUrl()) ? tenant.baseUrl() : baseUrl;
        if (url == null || !present(url)) {
            return null;
        }
        String key = tenant != null && present(tenant.apiKey()) ? tenant.apiKey() : present(apiKey) ? apiKey : null;
        boolean tools = tenant != null && tenant.toolCalling() != null ? tenant.toolCalling() : toolCalling;
        return new Connection(tenantId, url, key, tools);
    }

    @Override
    public String toString() {
        return "CrmProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", apiKey=" + redact(apiKey)
                + ", tenants=" + (tenants == null ? Set.of() : tenants.keySet()) + "]";
    }

    // Unset environment placeholders bind as empty values.
    private static boolean present(@Nullable Object value) {
        return value != null && !value.toString().isBlank();
    }

    static String redact(@Nullable String secret) {
        return secret == null ? "none" : "****";
    }

    /**
     * @param enabled false turns the CRM off for this tenant
     * @param baseUrl the tenant's CRM API root
     * @param apiKey the tenant's credential
     * @param toolCalling overrides {@code tool-calling} for this tenant (its model may lack tool support)
     */
    public record Tenant(@Nullable Boolean enabled, @Nullable URI baseUrl, @Nullable String apiKey,
            @Nullable Boolean toolCalling) {

        @Override
        public String toString() {
            return "Tenant[enabled=" + enabled + ", baseUrl=" + baseUrl + ", apiKey=" + redact(apiKey)
                    + ", toolCalling=" + toolCalling + "]";
        }
    }

    /**
     * @param failureRateThreshold percentage of failed calls that opens the breaker
     * @param minimumCalls calls before the failure rate counts
     * @param window calls the failure rate is computed over
     * @param openFor how long an open breaker refuses calls before letting probes through
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("4") int minimumCalls,
            @DefaultValue("10") int window,
            @DefaultValue("30s") Duration openFor) {
    }

    /** Where one tenant's CRM is and how to authenticate. */
    record Connection(String tenantId, URI baseUrl, @Nullable String apiKey, boolean toolCalling) {

        @Override
        public String toString() {
            return "Connection[tenant=" + tenantId + ", baseUrl=" + baseUrl + ", apiKey=" + redact(apiKey) + "]";
        }
    }
}
