package org.supportrag.gateway.routing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.springdoc.webmvc.api.OpenApiResource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.ServletRequestPathUtils;

import org.supportrag.defaults.testsupport.OpenApiDocuments;
import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API document is what the gateway serves: its own controllers (springdoc) plus every operation of a
 * backend's committed document that one of the gateway's routes sends to that backend, found by asking the routes'
 * own predicates. A new route, a new backend operation or a changed controller fails this test until regenerated.
 */
// Its own schema: the shared one may hold the local profile's demo migration, which this profile does not resolve.
// Own setup, not @GatewayIT: springdoc on and a schema of its own, no backend.
@SpringBootTest(properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
        "springdoc.api-docs.enabled=true", "spring.flyway.schemas=gateway_openapi_it",
        "spring.flyway.default-schema=gateway_openapi_it" })
@Import(PostgresTestConfiguration.class)
class GatewayOpenApiDocumentIT {

    private static final YAMLMapper YAML = YAMLMapper.builder()
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String SCHEMAS = "#/components/schemas/";
    private static final Pattern REF = Pattern.compile(SCHEMAS + "([A-Za-z0-9_.-]+)");

    @Autowired
    OpenApiResource openApi;

    @Autowired
    @Qualifier("publicRoutes")
    RouterFunction<ServerResponse> routes;

    record Route(String backend, RequestPredicate predicate) {
    }

    @Test
    void committedDocumentHoldsTheGatewaysControllersAndEveryRoutedBackendOperation() throws IOException {
        Map<String, Object> document = YAML.readValue(OpenApiDocuments.generate(openApi), new TypeReference<>() {
        });
        List<Route> proxied = proxiedRoutes();
        Set<String> backends = new TreeSet<>();
        proxied.forEach(route -> backends.add(route.backend()));
        assertThat(backends).containsExactly("eval", "generation", "ingestion", "retrieval");
        for (String backend : backends) {
            addRoutedOperations(document, backend, proxied);
        }
        assertThat(paths(document)).as("the evaluation API the eval route reaches").containsKey("/api/v1/eval/runs");
        OpenApiDocuments.assertMatchesCommitted(YAML.writeValueAsString(document),
                "src/main/resources/static/openapi/gateway-v1.yaml");
    }

    /** The proxy routes and their predicates, read from the routing table itself. */
    private List<Route> proxiedRoutes() {
        List<Route> found = new ArrayList<>();
        routes.accept(new RouterFunctions.Visitor() {
            private Object routeId;

            @Override
            public void attributes(Map<String, Object> attributes) {
                routeId = attributes.get(MvcUtils.GATEWAY_ROUTE_ID_ATTR);
            }

            @Override
            public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
                if (routeId instanceof String id && Set.of("eval", "generation", "ingestion", "retrieval").contains(id)) {
                    found.add(new Route(id, predicate));
                }
            }

            @Override
            public void startNested(RequestPredicate predicate) {
            }

            @Override
            public void endNested(RequestPredicate predicate) {
            }

            @Override
            public void resources(java.util.function.Function<ServerRequest, java.util.Optional<org.springframework.core.io.Resource>> lookup) {
            }

            @Override
            public void unknown(RouterFunction<?> routerFunction) {
            }
        });
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void addRoutedOperations(Map<String, Object> document, String backend, List<Route> proxied)
            throws IOException {
        Map<String, Object> source = YAML.readValue(
                Path.of("..", backend + "-service", "src/main/resources/static/openapi/" + backend + "-v1.yaml").toFile(),
                new TypeReference<>() {
                });
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        paths(source).forEach((path, item) -> ((Map<String, Object>) item).forEach((method, operation) -> {
            if (METHODS.contains(method) && routed(proxied, backend, method, path)) {
                operations.computeIfAbsent(path, key -> new TreeMap<>()).put(method, operation);
            }
        }));
        // The schemas those operations use, transitively; a name another backend already uses for a different
        // schema gets the backend's name in front.
        Map<String, Object> sourceSchemas = schemas(source);
        Set<String> used = new TreeSet<>();
        List<String> pending = new ArrayList<>();
        collectRefs(operations, used);
        pending.addAll(used);
        while (!pending.isEmpty()) {
            Set<String> nested = new TreeSet<>();
            collectRefs(sourceSchemas.get(pending.removeLast()), nested);
            nested.removeAll(used);
            used.addAll(nested);
            pending.addAll(nested);
        }
        Map<String, Object> schemas = schemas(document);
        Map<String, String> names = new TreeMap<>();
        for (String name : used) {
            Object existing = schemas.get(name);
            names.put(name, existing == null || existing.equals(sourceSchemas.get(name)) ? name
                    : Character.toUpperCase(backend.charAt(0)) + backend.substring(1) + name);
        }
        for (String name : used) {
            schemas.put(names.get(name), renameRefs(sourceSchemas.get(name), names));
        }
        Map<String, Object> paths = paths(document);
        operations.forEach((path, methods) -> ((Map<String, Object>) paths.computeIfAbsent(path,
                key -> new TreeMap<>())).putAll((Map<String, Object>) renameRefs(methods, names)));
    }

    @SuppressWarnings("unchecked")
    private static Object renameRefs(Object node, Map<String, String> names) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            ((Map<String, Object>) map).forEach((key, value) -> copy.put(key,
                    "$ref".equals(key) && value instanceof String ref && ref.startsWith(SCHEMAS)
                            ? SCHEMAS + names.getOrDefault(ref.substring(SCHEMAS.length()), ref.substring(SCHEMAS.length()))
                            : renameRefs(value, names)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(item -> renameRefs(item, names)).toList();
        }
        return node;
    }

    private static boolean routed(List<Route> proxied, String backend, String method, String path) {
        MockHttpServletRequest servlet = new MockHttpServletRequest(method.toUpperCase(), path.replaceAll("\\{[^}]+}", "x"));
        ServletRequestPathUtils.parseAndCache(servlet);
        ServerRequest request = ServerRequest.create(servlet, List.of());
        return proxied.stream().anyMatch(route -> route.backend().equals(backend) && route.predicate().test(request));
    }

    private static void collectRefs(Object node, Set<String> into) {
        Matcher matcher = REF.matcher(String.valueOf(node));
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paths(Map<String, Object> document) {
        return (Map<String, Object>) document.computeIfAbsent("paths", key -> new TreeMap<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemas(Map<String, Object> document) {
        Map<String, Object> components = (Map<String, Object>) document.computeIfAbsent("components",
                key -> new TreeMap<>());
        return (Map<String, Object>) components.computeIfAbsent("schemas", key -> new TreeMap<>());
    }
}
