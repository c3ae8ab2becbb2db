package org.supportrag.generation.crm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import org.supportrag.defaults.privacy.Redactor;

/**
 * Reads customer, account and orders from a tenant's CRM over REST, each call with timeouts and behind the
 * tenant's circuit breaker. Uses its own {@link RestClient}: the application's builder would attach the platform's
 * internal token, which must never leave the platform.
 */
@Component
class CrmClient {

    private static final Logger log = LoggerFactory.getLogger(CrmClient.class);

    /** What the CRM holds, by kind; each path names one. */
    enum Resource {
        CUSTOMER, ACCOUNT, ORDERS
    }

    private final CrmProperties properties;
    private final TenantConnectors connectors;
    private final CircuitBreakerRegistry breakers;
    private final Redactor redactor;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

    CrmClient(CrmProperties properties, TenantConnectors connectors, CircuitBreakerRegistry breakers,
            Redactor redactor) {
        this.properties = properties;
        this.connectors = connectors;
        this.breakers = breakers;
        this.redactor = redactor;
        CrmProperties.CircuitBreaker settings = properties.circuitBreaker();
        this.breakerConfig = CircuitBreakerConfig.custom()
            .failureRateThreshold(settings.failureRateThreshold())
            .minimumNumberOfCalls(settings.minimumCalls())
            .slidingWindowSize(settings.window())
            .waitDurationInOpenState(settings.openFor())
            .permittedNumberOfCallsInHalfOpenState(1)
            .recordExceptions(RestClientException.class)
            .build();
    }

    /** Whether this tenant has a CRM configured. */
    boolean configured(String tenantId) {
        return connection(tenantId) != null;
    }

    /** The tenant's own connector when it stored one (read per call: effective without a restart), else the configuration's. */
    private CrmProperties.@Nullable Connection connection(String tenantId) {
        Optional<Optional<CrmProperties.Connection>> own = connectors.connection(tenantId, properties.toolCalling());
        return own.isPresent() ? own.get().orElse(null) : properties.connection(tenantId);
    }

    /** Whether this tenant's answers should reach the CRM through tool calls. */
    boolean toolCalling(String tenantId) {
        CrmProperties.Connection connection = connection(tenantId);
        return connection != null && connection.toolCalling();
    }

    /**
     * The resource as the CRM's JSON with personal data such as e-mail addresses, phone and card numbers redacted
     * (it goes to the model provider), shortened to {@code max-chars}; {@code null} when the CRM does not know the
     * customer (404).
     *
     * @throws CrmUnavailableException when the CRM fails, is too slow or its breaker is open
     */
    @Nullable
    String fetch(String tenantId, String customerId, Resource resource) {
        CrmProperties.Connection connection = connection(tenantId);
        if (connection == null) {
            return null;
        }
        CircuitBreaker breaker = breakers.circuitBreaker("crm-" + tenantId, breakerConfig);
        try {
            String body = breaker.executeSupplier(() -> get(connection, path(resource), customerId));
            return body == null ? null : shorten(redactor.redact(body));
        }
        catch (CallNotPermittedException ex) {
            throw new CrmUnavailableException("CRM circuit breaker open for tenant " + tenantId, ex);
        }
        catch (RestClientException ex) {
            // Tenant and resource only: the message may carry the customer's data.
            log.warn("CRM call failed for tenant {} ({}): {}", tenantId, resource, ex.getClass().getSimpleName());
            throw new CrmUnavailableException("CRM call failed", ex);
        }
    }

    private @Nullable String get(CrmProperties.Connection connection, String path, String customerId) {
        try {
            return client(connection).get()
                .uri(path, Map.of("customerId", customerId))
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (connection.apiKey() != null) {
                        String scheme = properties.authScheme().isBlank() ? "" : properties.authScheme() + " ";
                        headers.set(properties.authHeader(), scheme + connection.apiKey());
                    }
                })
                .retrieve()
                .body(String.class);
        }
        catch (HttpClientErrorException ex) {
            if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return null; // an unknown customer is an answer, not a failure
            }
            throw ex;
        }
    }

    private RestClient client(CrmProperties.Connection connection) {
        return clients.computeIfAbsent(connection.tenantId() + "|" + connection.baseUrl(), key -> {
            HttpClientSettings timeouts = HttpClientSettings.defaults()
                .withTimeouts(properties.connectTimeout(), properties.readTimeout());
            return RestClient.builder()
                .baseUrl(connection.baseUrl().toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(timeouts))
                .build();
        });
    }

    private String path(Resource resource) {
        return switch (resource) {
            case CUSTOMER -> properties.customerPath();
            case ACCOUNT -> properties.accountPath();
            case ORDERS -> properties.ordersPath();
        };
    }

    private String shorten(String body) {
        String stripped = body.strip();
        return stripped.length() <= properties.maxChars() ? stripped
                : stripped.substring(0, properties.maxChars()) + " …(truncated)";
    }
}
