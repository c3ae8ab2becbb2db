package org.supportrag.gateway.enduser;

import java.util.Set;

/** A verified end user of a customer's site: the CRM customer id ({@code sub}) and ACL groups ({@code groups}). */
public record EndUser(String customerId, Set<String> groups) {

    public EndUser {
        groups = Set.copyOf(groups);
    }
}
