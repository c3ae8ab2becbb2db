package org.supportrag.gateway;

/** The public API surface, shared by the security rules and the routes so the two cannot drift apart. */
public final class GatewayPaths {

    public static final String CHAT = "/api/v1/chat";
    public static final String CONVERSATIONS = "/api/v1/conversations/**";
    public static final String FEEDBACK = "/api/v1/feedback";
    /** OpenAI-compatible chat (generation service), for any OpenAI SDK client. */
    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    public static final String KNOWLEDGE_BASES = "/api/v1/knowledge-bases/**";
    /** Retrieval without generation, for evaluation tools (ragctl eval); the retrieval service's search API. */
    public static final String SEARCH = "/api/v1/search";
    /** Served by the gateway itself: machine API keys and the audit log of the caller's tenant. */
    public static final String ADMIN_API = "/api/v1/admin/**";
    public static final String API_KEYS = "/api/v1/admin/api-keys";
    public static final String AUDIT_EVENTS = "/api/v1/admin/audit-events";
    public static final String API = "/api/**";
    public static final String METRICS = "/actuator/prometheus";

    /** Called from customer web pages with a widget key. */
    public static final String[] WIDGET = { CHAT, CONVERSATIONS, FEEDBACK, CHAT_COMPLETIONS };

    /** Called by admin tools with a secret API key. */
    public static final String[] ADMIN = { KNOWLEDGE_BASES, SEARCH, ADMIN_API };

    private GatewayPaths() {
    }
}
