package org.supportrag.defaults.security;

/** Role names carried in internal tokens. */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String AGENT = "agent";
    public static final String ADMIN = "admin";
    public static final String OPS = "ops";
    public static final String SERVICE = "service";

    private Roles() {
    }
}
