package org.supportrag.gateway.apikeys;

/**
 * The platform operator's side of the gateway: who may create and manage tenants. Operators are not members of any
 * customer tenant; their keys live in the reserved tenant {@link #TENANT} and hold only {@link #OPERATOR}.
 */
public final class PlatformAccess {

    /** The reserved tenant of platform operators' keys: never listed, managed or used for customer data. */
    public static final String TENANT = "platform";
    /** Manages tenants through {@code /api/v1/platform/**}; grants nothing inside a customer tenant. */
    public static final String OPERATOR = "platform-operator";
    /** Held only by the one-time bootstrap credential: may call the bootstrap endpoint, nothing else. */
    public static final String BOOTSTRAP = "platform-bootstrap";

    private PlatformAccess() {
    }
}
