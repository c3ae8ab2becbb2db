package org.supportrag.defaults.openapi;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import org.supportrag.defaults.security.CallerIdentity;

/**
 * The document's frame: title from the application name, a relative server (so the generated document does not
 * depend on the port a test ran on) and the bearer token every service-to-service call carries.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    static final String BEARER = "bearer";

    static {
        // Resolved from the bearer token, not sent by the caller.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerIdentity.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceOpenApi(@Value("${spring.application.name}") String application) {
        return new OpenAPI().info(new Info().title(application + " API").version("v1"))
            .servers(List.of(new Server().url("/")))
            .components(new Components().addSecuritySchemes(BEARER,
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
            .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Properties that Bean Validation does not require may be null in the JSON (records serialise null components;
     * JSpecify's {@code @Nullable} is a type-use annotation springdoc does not read): say so, or a checker of the
     * document would refuse what the services really send.
     */
    @Bean
    @SuppressWarnings("rawtypes")
    OpenApiCustomizer optionalPropertiesAreNullable() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Set<String> optionalReferences = new HashSet<>();
            for (Schema<?> schema : schemas.values()) {
                if (schema.getProperties() == null) {
                    continue;
                }
                schema.getProperties().forEach((name, property) -> {
                    if (schema.getRequired() != null && schema.getRequired().contains(name)) {
                        return;
                    }
                    if (property.get$ref() != null) {
                        optionalReferences.add(property.get$ref().substring(property.get$ref().lastIndexOf('/') + 1));
                    }
                    else {
                        property.setNullable(true);
                    }
                });
            }
            // OpenAPI 3.0 ignores a reference's siblings: the referenced schema itself says it may be null.
            schemas.values().forEach(OpenApiAutoConfiguration::asSent);
            optionalReferences.stream().map(schemas::get).filter(Objects::nonNull).forEach(schema -> schema.setNullable(true));
        };
    }

    /**
     * Two of springdoc's readings said more than the services promise: a sealed interface's records become a oneOf
     * without discriminator, which JSON fitting several of them (they share properties) fails, so anyOf; and a
     * {@code Map<String, Object>}'s values become JSON objects, where any JSON value is sent.
     */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void asSent(Schema schema) {
        if (schema.getOneOf() != null && schema.getDiscriminator() == null) {
            schema.setAnyOf(schema.getOneOf());
            schema.setOneOf(null);
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(OpenApiAutoConfiguration::asSent);
        }
        if (schema.getItems() != null) {
            asSent(schema.getItems());
        }
        if (schema.getAdditionalProperties() instanceof Schema values) {
            if ("object".equals(values.getType()) && values.getProperties() == null
                    && values.getAdditionalProperties() == null) {
                schema.setAdditionalProperties(new Schema<>());
            }
            else {
                asSent(values);
            }
        }
    }
}
