package org.supportrag.gateway.tenants;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.gateway.AdminRequests;
import org.supportrag.gateway.GatewayPaths;
import org.supportrag.gateway.apikeys.ApiKeyAdmin;
import org.supportrag.gateway.apikeys.ApiKeyAuthentication;
import org.supportrag.gateway.apikeys.BootstrapCredential;
import org.supportrag.gateway.apikeys.PlatformAccess;
import org.supportrag.gateway.audit.AuditLog;

/**
 * The platform operator's API (role {@code platform-operator}, enforced by the security chain): tenants and operator
 * keys, plus the one-time bootstrap. Each change and its audit event commit together; tenant events are recorded in
 * the tenant's own log (so its admins see what the operator did, and the trail outlives a deletion), operator-key
 * and bootstrap events in the platform's.
 */
@RestController
@RequiredArgsConstructor
class TenantsController {

    static final Pattern TENANT_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    static final int MAX_NAME_LENGTH = 200;
    static final String FIRST_ADMIN_KEY_NAME = "First admin";

    private final Tenants tenants;
    private final ApiKeyAdmin apiKeys;
    private final ApiKeyAuthentication keyCache;
    private final BootstrapCredential bootstrap;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final AdminRequests json;
    private final TenantStatus status;
    private final TenantPurges purges;

    /**
     * First run: the first tenant, its first admin key and a platform operator key, made with the bootstrap
     * credential, which is used up in the same transaction.
     */
    @PostMapping(path = GatewayPaths.PLATFORM_BOOTSTRAP, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Bootstrapped> bootstrap(@RequestBody byte[] body, HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        ValidTenant tenant = validTenant(body);
        Bootstrapped result = transactions.execute(status -> {
            if (!bootstrap.consume(tenant.id())) {
                throw ApiProblemException.forbidden("bootstrap-used", "Bootstrap already used",
                        "The bootstrap credential has already been used.");
            }
            Created created = createTenant(caller, request, tenant.id(), tenant.name());
            ApiKeyAdmin.CreatedApiKey operatorKey = apiKeys.issue(PlatformAccess.TENANT, "Platform operator",
                    List.of(PlatformAccess.OPERATOR), caller.subject());
            auditLog.record(caller, request, "operator-key.create", "api-key:" + operatorKey.id(), AuditLog.SUCCESS,
                    null);
            auditLog.record(caller, request, "bootstrap.disable", "tenant:" + tenant.id(), AuditLog.SUCCESS, null);
            return new Bootstrapped(created.tenant(), created.adminKey(), operatorKey);
        });
        keyCache.forgetCachedKeys();
        return ResponseEntity.created(tenantUri(tenant.id())).body(result);
    }

    @PostMapping(path = GatewayPaths.PLATFORM_TENANTS, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Created> create(@RequestBody byte[] body, HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        ValidTenant tenant = validTenant(body);
        Created created = transactions.execute(status -> createTenant(caller, request, tenant.id(), tenant.name()));
        return ResponseEntity.created(tenantUri(tenant.id())).body(created);
    }

    @GetMapping(GatewayPaths.PLATFORM_TENANTS)
    TenantList list() {
        return new TenantList(tenants.list());
    }

    @GetMapping(GatewayPaths.PLATFORM_TENANTS + "/{id}")
    Tenants.Tenant get(@PathVariable String id) {
        return tenants.find(id).orElseThrow(TenantsController::notFound);
    }

    /** A tenant admin's view: their own tenant, never another. */
    @GetMapping(GatewayPaths.OWN_TENANT)
    Tenants.Tenant own() {
        return tenants.find(CallerContext.current().tenantId()).orElseThrow(TenantsController::notFound);
    }

    @PatchMapping(path = GatewayPaths.PLATFORM_TENANTS + "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Tenants.Tenant rename(@PathVariable String id, @RequestBody byte[] body, HttpServletRequest request) {
        RenameRequest rename = json.read(body, RenameRequest.class, "a JSON object with name");
        String name = validName(rename.name());
        return change(id, request, "tenant.rename", () -> tenants.rename(id, name));
    }

    @PostMapping(GatewayPaths.PLATFORM_TENANTS + "/{id}/suspend")
    Tenants.Tenant suspend(@PathVariable String id, HttpServletRequest request) {
        Tenants.Tenant tenant = change(id, request, "tenant.suspend", () -> tenants.suspend(id));
        forgetCached();
        return tenant;
    }

    @PostMapping(GatewayPaths.PLATFORM_TENANTS + "/{id}/resume")
    Tenants.Tenant resume(@PathVariable String id, HttpServletRequest request) {
        Tenants.Tenant tenant = change(id, request, "tenant.resume", () -> tenants.resume(id));
        forgetCached();
        return tenant;
    }

    /**
     * 202: the gateway's rows are gone now; the data services' purge starts at once and is retried until each has
     * confirmed (its progress at {@code /api/v1/platform/tenant-deletions/{id}}).
     */
    @DeleteMapping(GatewayPaths.PLATFORM_TENANTS + "/{id}")
    ResponseEntity<Tenants.Deletion> delete(@PathVariable String id, HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        Tenants.Deletion deletion = transactions.execute(status -> {
            Tenants.Deletion deleted = tenants.delete(id, caller.subject()).orElseThrow(TenantsController::notFound);
            auditLog.record(inTenant(caller, id), request, "tenant.delete", "tenant:" + id, AuditLog.SUCCESS, null);
            return deleted;
        });
        forgetCached();
        purges.startSoon(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
            .location(URI.create(GatewayPaths.PLATFORM_TENANT_DELETIONS + "/" + id))
            .body(deletion);
    }

    @GetMapping(GatewayPaths.PLATFORM_TENANT_DELETIONS)
    DeletionList deletions() {
        return new DeletionList(purges.list());
    }

    /** A deleted tenant's purge: which services still hold its data, attempts, the last failure. */
    @GetMapping(GatewayPaths.PLATFORM_TENANT_DELETIONS + "/{id}")
    TenantPurges.Purge deletion(@PathVariable String id) {
        return purges.find(id)
            .orElseThrow(() -> ApiProblemException.notFound("tenant-deletion-not-found", "Tenant deletion not found",
                    "No tenant with this id was deleted."));
    }

    @PostMapping(path = GatewayPaths.PLATFORM_OPERATOR_KEYS, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiKeyAdmin.CreatedApiKey> createOperatorKey(@RequestBody byte[] body, HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        RenameRequest create = json.read(body, RenameRequest.class, "a JSON object with name");
        String name = validName(create.name());
        ApiKeyAdmin.CreatedApiKey key = transactions.execute(status -> {
            ApiKeyAdmin.CreatedApiKey created = apiKeys.issue(PlatformAccess.TENANT, name,
                    List.of(PlatformAccess.OPERATOR), caller.subject());
            auditLog.record(caller, request, "operator-key.create", "api-key:" + created.id(), AuditLog.SUCCESS, null);
            return created;
        });
        return ResponseEntity.created(URI.create(GatewayPaths.PLATFORM_OPERATOR_KEYS + "/" + key.id())).body(key);
    }

    @GetMapping(GatewayPaths.PLATFORM_OPERATOR_KEYS)
    OperatorKeyList operatorKeys() {
        return new OperatorKeyList(apiKeys.list(PlatformAccess.TENANT));
    }

    @DeleteMapping(GatewayPaths.PLATFORM_OPERATOR_KEYS + "/{id}")
    ResponseEntity<Void> revokeOperatorKey(@PathVariable UUID id, HttpServletRequest request) {
        if (!apiKeys.revoke(CallerContext.current(), request, id)) {
            throw ApiProblemException.notFound("api-key-not-found", "API key not found", "There is no operator key with this id.");
        }
        return ResponseEntity.noContent().build();
    }

    private Created createTenant(CallerIdentity caller, HttpServletRequest request, String id, String name) {
        Tenants.Tenant tenant = tenants.create(id, name)
            .orElseThrow(() -> new ApiProblemException(HttpStatus.CONFLICT,
                    ProblemTypes.of("tenant-exists"), "Tenant id taken",
                    "This tenant id is taken, reserved or belonged to a deleted tenant; choose another."));
        ApiKeyAdmin.CreatedApiKey adminKey = apiKeys.issue(id, FIRST_ADMIN_KEY_NAME, List.of(Roles.ADMIN),
                caller.subject());
        CallerIdentity audited = inTenant(caller, id);
        auditLog.record(audited, request, "tenant.create", "tenant:" + id, AuditLog.SUCCESS, null);
        auditLog.record(audited, request, "api-key.create", "api-key:" + adminKey.id(), AuditLog.SUCCESS, null);
        return new Created(tenant, adminKey);
    }

    private Tenants.Tenant change(String id, HttpServletRequest request, String action,
            Supplier<Optional<Tenants.Tenant>> update) {
        CallerIdentity caller = CallerContext.current();
        return transactions.execute(status -> {
            Tenants.Tenant tenant = update.get().orElseThrow(TenantsController::notFound);
            auditLog.record(inTenant(caller, id), request, action, "tenant:" + id, AuditLog.SUCCESS, null);
            return tenant;
        });
    }

    /** After a change to a tenant's status: its keys and console users are re-checked on this replica at once. */
    private void forgetCached() {
        keyCache.forgetCachedKeys();
        status.forgetAll();
    }

    /** The operator acting on a tenant, as that tenant's audit log names them. */
    private static CallerIdentity inTenant(CallerIdentity caller, String tenantId) {
        return new CallerIdentity(tenantId, "platform:" + caller.subject(), caller.roles(), Set.of(), null);
    }

    private static URI tenantUri(String id) {
        return URI.create(GatewayPaths.PLATFORM_TENANTS + "/" + id);
    }

    /** The body's id and name, both valid (so never null). */
    private ValidTenant validTenant(byte[] body) {
        TenantRequest create = json.read(body, TenantRequest.class, "a JSON object with id and name");
        return new ValidTenant(validId(create.id()), validName(create.name()));
    }

    private static String validId(@Nullable String id) {
        if (id == null || !TENANT_ID.matcher(id).matches()) {
            throw AdminRequests.invalid("id is required: 1 to 63 lower-case letters, digits and inner hyphens.");
        }
        return id;
    }

    static String validName(@Nullable String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME_LENGTH
                || stripped.chars().anyMatch(Character::isISOControl)) {
            throw AdminRequests.invalid("name is required: 1 to " + MAX_NAME_LENGTH + " printable characters.");
        }
        return stripped;
    }

    private static ApiProblemException notFound() {
        return ApiProblemException.notFound("tenant-not-found", "Tenant not found", "There is no such tenant.");
    }

    record TenantRequest(@Nullable String id, @Nullable String name) {
    }

    /** A tenant request whose id and name were checked. */
    private record ValidTenant(String id, String name) {
    }

    record RenameRequest(@Nullable String name) {
    }

    record TenantList(List<Tenants.Tenant> tenants) {
    }

    record DeletionList(List<TenantPurges.Purge> deletions) {
    }

    record OperatorKeyList(List<ApiKeyAdmin.ApiKeySummary> operatorKeys) {
    }

    /** The only response carrying the new tenant's first admin key. */
    record Created(Tenants.Tenant tenant, ApiKeyAdmin.CreatedApiKey adminKey) {
    }

    /** The only response carrying the first admin key and the operator key. */
    record Bootstrapped(Tenants.Tenant tenant, ApiKeyAdmin.CreatedApiKey adminKey, ApiKeyAdmin.CreatedApiKey operatorKey) {
    }
}
