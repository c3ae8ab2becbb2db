package org.supportrag.gateway.tenants;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.gateway.AdminRequests;
import org.supportrag.gateway.GatewayPaths;
import org.supportrag.gateway.GatewayProperties;
import org.supportrag.gateway.apikeys.ApiKeyAuthentication;
import org.supportrag.gateway.audit.AuditLog;

/**
 * Widget keys of the caller's tenant (role admin, enforced by the security chain). Another tenant's key id is a 404,
 * as if it did not exist. Each change and its audit event commit together.
 */
@RestController
@RequiredArgsConstructor
class WidgetKeysController {

    static final Duration DEFAULT_OVERLAP = Duration.ofHours(1);
    static final Duration MAX_OVERLAP = Duration.ofDays(30);
    static final String DEFAULT_NAME = "Widget";

    private final WidgetKeys keys;
    private final ApiKeyAuthentication keyCache;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final AdminRequests json;
    private final GatewayProperties properties;

    @PostMapping(path = GatewayPaths.WIDGET_KEYS, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NewKey> create(@RequestBody byte[] body, HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        CreateRequest create = json.read(body, CreateRequest.class, "a JSON object with name and allowedOrigins");
        String name = create.name() == null ? DEFAULT_NAME : TenantsController.validName(create.name());
        boolean wildcards = Boolean.TRUE.equals(create.allowWildcardOrigins());
        List<String> origins = WidgetOrigins.valid(create.allowedOrigins(), wildcards);
        WidgetKeys.Created created = transactions.execute(status -> {
            WidgetKeys.Created key = keys.create(caller.tenantId(), name, origins, wildcards, caller.subject());
            audit(caller, request, "widget-key.create", key.widgetKey().id());
            return key;
        });
        return ResponseEntity.created(keyUri(created.widgetKey().id())).body(newKey(created, null));
    }

    @GetMapping(GatewayPaths.WIDGET_KEYS)
    WidgetKeyList list() {
        return new WidgetKeyList(keys.list(CallerContext.current().tenantId()));
    }

    @PutMapping(path = GatewayPaths.WIDGET_KEYS + "/{id}/allowed-origins", consumes = MediaType.APPLICATION_JSON_VALUE)
    WidgetKeys.WidgetKey setOrigins(@PathVariable UUID id, @RequestBody byte[] body, HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        OriginsRequest update = json.read(body, OriginsRequest.class, "a JSON object with allowedOrigins");
        boolean wildcards = Boolean.TRUE.equals(update.allowWildcardOrigins());
        List<String> origins = WidgetOrigins.valid(update.allowedOrigins(), wildcards);
        WidgetKeys.WidgetKey key = transactions.execute(status -> {
            WidgetKeys.WidgetKey updated = keys.setOrigins(caller.tenantId(), id, origins, wildcards)
                .orElseThrow(WidgetKeysController::notFound);
            audit(caller, request, "widget-key.set-origins", id);
            return updated;
        });
        // The old origins may be cached with the key on this replica; others follow within the key cache TTL.
        keyCache.forgetCachedKeys();
        return key;
    }

    /**
     * A new key with the same name and origins; the old one keeps working for the overlap (default one hour, 0 for
     * none), so pages can be updated first.
     */
    @PostMapping(GatewayPaths.WIDGET_KEYS + "/{id}/rotate")
    ResponseEntity<NewKey> rotate(@PathVariable UUID id, @RequestBody(required = false) byte @Nullable [] body,
            HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        Duration overlap = overlap(body == null || body.length == 0 ? null
                : json.read(body, RotateRequest.class, "a JSON object with overlapSeconds").overlapSeconds());
        Rotation rotation = transactions.execute(status -> {
            WidgetKeys.Rotated old = keys.retire(caller.tenantId(), id, overlap).orElseThrow(() -> new ApiProblemException(
                    HttpStatus.NOT_FOUND, ProblemTypes.of("widget-key-not-found"),
                    "Widget key not found", "This tenant has no working, not yet rotated widget key with this id."));
            WidgetKeys.Created successor = keys.create(caller.tenantId(),
                    old.name() == null ? DEFAULT_NAME : old.name(), old.allowedOrigins(), old.allowWildcardOrigins(),
                    caller.subject());
            keys.linkSuccessor(id, successor.widgetKey().id());
            audit(caller, request, "widget-key.rotate", id);
            return new Rotation(successor, old.keyHash(), Instant.now().plus(overlap));
        });
        if (overlap.isZero()) {
            keyCache.forgetCachedKey(rotation.oldKeyHash());
        }
        return ResponseEntity.created(keyUri(rotation.successor().widgetKey().id()))
            .body(newKey(rotation.successor(), new Previous(id, rotation.oldExpiresAt())));
    }

    @DeleteMapping(GatewayPaths.WIDGET_KEYS + "/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        String hash = transactions.execute(status -> {
            String revoked = keys.revoke(caller.tenantId(), id).orElseThrow(WidgetKeysController::notFound);
            audit(caller, request, "widget-key.revoke", id);
            return revoked;
        });
        keyCache.forgetCachedKey(hash);
        return ResponseEntity.noContent().build();
    }

    private void audit(CallerIdentity caller, HttpServletRequest request, String action, UUID id) {
        auditLog.record(caller, request, action, "widget-key:" + id, AuditLog.SUCCESS, null);
    }

    private NewKey newKey(WidgetKeys.Created created, @Nullable Previous previous) {
        String base = properties.publicBaseUrl().toString().replaceAll("/+$", "");
        String snippet = "<script src=\"" + base + "/widget.js\" data-key=\"" + created.key() + "\" defer></script>";
        return new NewKey(created.widgetKey(), created.key(), snippet, previous);
    }

    private static Duration overlap(@Nullable Long seconds) {
        if (seconds == null) {
            return DEFAULT_OVERLAP;
        }
        if (seconds < 0 || seconds > MAX_OVERLAP.toSeconds()) {
            throw AdminRequests.invalid("overlapSeconds must be between 0 and " + MAX_OVERLAP.toSeconds() + ".");
        }
        return Duration.ofSeconds(seconds);
    }

    private static URI keyUri(UUID id) {
        return URI.create(GatewayPaths.WIDGET_KEYS + "/" + id);
    }

    private static ApiProblemException notFound() {
        return ApiProblemException.notFound("widget-key-not-found", "Widget key not found",
                "This tenant has no working widget key with this id.");
    }

    /** @param allowWildcardOrigins must be true for {@code https://*.example.com} origins to be accepted */
    record CreateRequest(@Nullable String name, @Nullable List<@Nullable String> allowedOrigins,
            @Nullable Boolean allowWildcardOrigins) {
    }

    record OriginsRequest(@Nullable List<@Nullable String> allowedOrigins, @Nullable Boolean allowWildcardOrigins) {
    }

    record WidgetKeyList(List<WidgetKeys.WidgetKey> widgetKeys) {
    }

    record RotateRequest(@Nullable Long overlapSeconds) {
    }

    /**
     * The only response carrying the key: with the one line to paste into the site's pages.
     *
     * @param previous after a rotation: the old key and when it stops working
     */
    record NewKey(WidgetKeys.WidgetKey widgetKey, String key, String embedSnippet, @Nullable Previous previous) {
    }

    record Previous(UUID id, Instant expiresAt) {
    }

    private record Rotation(WidgetKeys.Created successor, String oldKeyHash, Instant oldExpiresAt) {
    }
}
