package org.supportrag.gateway.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The frame of the public API document: the gateway's own controllers fill it (springdoc), the routed backends'
 * committed documents add the operations the routes reach (GatewayOpenApiDocumentIT writes the whole).
 */
@Configuration(proxyBeanMethods = false)
class GatewayOpenApi {

    @Bean
    OpenAPI publicApiDocument() throws IOException {
        String description = new ClassPathResource("openapi/gateway-description.md")
            .getContentAsString(StandardCharsets.UTF_8);
        SecurityScheme apiKey = new SecurityScheme().type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.HEADER)
            .name("X-Api-Key");
        return new OpenAPI().info(new Info().title("SupportRAG public API (gateway)").version("v1").description(description))
            .servers(List.of(new Server().url("/")))
            .components(new Components().addSecuritySchemes("widgetKey", apiKey)
                .addSecuritySchemes("adminKey", apiKey)
                .addSecuritySchemes("adminBearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .description("An admin API key sent as a bearer token."))
                .addSecuritySchemes("userToken", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER)
                    .name("X-User-Token")
                    .description("Optional signed end-user identity (JWT, per-tenant HS256/RS256/ES256 key)."))
                .addSecuritySchemes("console", new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                    .description("Console sign-in: authorization code + PKCE for the public client `console` at the "
                            + "issuer named by `GET /console/config.json`. The access token is sent as a bearer JWT.")
                    .flows(new OAuthFlows().authorizationCode(new OAuthFlow().authorizationUrl("/oauth2/authorize")
                        .tokenUrl("/oauth2/token")
                        .scopes(new Scopes().addString("openid", "OpenID Connect")
                            .addString("profile", "name")
                            .addString("email", "e-mail address"))))));
    }
}
