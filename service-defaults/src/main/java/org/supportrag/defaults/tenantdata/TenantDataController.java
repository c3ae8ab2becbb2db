package org.supportrag.defaults.tenantdata;

import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/**
 * The gateway's purge of a deleted tenant. Only a service token minted for that very tenant may call it, so a
 * tenant's own users (never holding the service role) cannot, and no token can purge another tenant. Not part of
 * the public API, hence hidden from the OpenAPI document.
 */
@Hidden
@RestController
class TenantDataController {

    static final String PATH = "/internal/v1/tenants/{tenant}/data";
    /** The subject of the gateway's purge tokens (its TenantPurges): no peer's ordinary service call looks like it. */
    static final String PURGE_SUBJECT = "tenant-purge";

    private final TenantDataPurge purge;

    TenantDataController(TenantDataPurge purge) {
        this.purge = purge;
    }

    @DeleteMapping(PATH)
    Purged purge(@PathVariable String tenant) {
        CallerIdentity caller = CallerContext.current();
        if (!caller.hasRole(Roles.SERVICE) || !PURGE_SUBJECT.equals(caller.subject()) || !tenant.equals(caller.tenantId())) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden",
                    "Only the platform's purge of this tenant may delete its data.");
        }
        return new Purged(tenant, purge.purge(tenant));
    }

    record Purged(String tenantId, Map<String, Integer> deletedRows) {
    }
}
