package org.supportrag.gateway;

/**
 * The public API surface, shared by the security rules and the routes so the two cannot drift apart. Only
 * {@code /api/v1/**} and {@code /v1/chat/completions} are routed; everything else under {@code /api} and {@code /v1}
 * is a 404 problem.
 */
public final class GatewayPaths {

    // customer (widget key)
    public static final String CHAT = "/api/v1/chat";
    public static final String CONVERSATION = "/api/v1/conversations/*";
    public static final String CONVERSATION_EVENTS = "/api/v1/conversations/*/events";
    public static final String CONVERSATION_ESCALATE = "/api/v1/conversations/*/escalate";
    public static final String FEEDBACK = "/api/v1/feedback";
    /** OpenAI-compatible chat: widget key or API key as {@code Authorization: Bearer}. */
    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";

    // agent
    public static final String ESCALATIONS = "/api/v1/escalations";
    public static final String ESCALATION_CLAIM = "/api/v1/escalations/*/claim";
    public static final String ESCALATION_RESOLVE = "/api/v1/escalations/*/resolve";
    public static final String AGENT_REPLIES = "/api/v1/conversations/*/agent-replies";
    public static final String LABELS = "/api/v1/labels";

    // admin
    public static final String KNOWLEDGE_BASES = "/api/v1/knowledge-bases/**";
    public static final String PROMPTS = "/api/v1/prompts/**";
    /** Retrieval without generation, for evaluation tools (ragctl eval); the retrieval service's search API. */
    public static final String SEARCH = "/api/v1/search";
    public static final String EVAL = "/api/v1/eval/**";
    /** Dataset imports: JSONL bodies get the upload size limit. */
    public static final String EVAL_DATASETS = "/api/v1/eval/datasets/**";
    public static final String BUDGETS = "/api/v1/budgets/**";
    /** A tenant's guardrail policy and confidence thresholds (generation). */
    public static final String GUARDRAILS = "/api/v1/guardrails/**";
    /** Served by the gateway itself: machine API keys, tenant limits and the audit log of the caller's tenant. */
    public static final String ADMIN_API = "/api/v1/admin/**";
    public static final String API_KEYS = "/api/v1/admin/api-keys";
    public static final String AUDIT_EVENTS = "/api/v1/admin/audit-events";
    public static final String TENANT_LIMITS = "/api/v1/admin/tenants/{tenant}/limits";
    /** Every setting of the caller's tenant in one document; changed one section at a time. */
    public static final String TENANT_SETTINGS = "/api/v1/admin/tenants/{tenant}/settings";
    /** The caller's own tenant (a tenant admin never sees another). */
    public static final String OWN_TENANT = "/api/v1/admin/tenant";
    /** Widget keys of the caller's tenant: create, list, allowed origins, rotate, revoke. */
    public static final String WIDGET_KEYS = "/api/v1/admin/widget-keys";

    /** Console users of the caller's tenant: invitations (accepted on first sign-in) and members by invitation. */
    public static final String INVITATIONS = "/api/v1/admin/invitations";
    public static final String MEMBERS = "/api/v1/admin/members";

    // platform operator: served by the gateway itself
    public static final String PLATFORM_API = "/api/v1/platform/**";
    /** The one call the one-time bootstrap credential may make. */
    public static final String PLATFORM_BOOTSTRAP = "/api/v1/platform/bootstrap";
    public static final String PLATFORM_TENANTS = "/api/v1/platform/tenants";
    /** Deleted tenants and the purge of their data in every service. */
    public static final String PLATFORM_TENANT_DELETIONS = "/api/v1/platform/tenant-deletions";
    public static final String PLATFORM_OPERATOR_KEYS = "/api/v1/platform/operator-keys";

    // ops (read only; admins too)
    public static final String USAGE = "/api/v1/usage/**";
    public static final String METRICS = "/actuator/prometheus";

    /** Everything the gateway authenticates and routes (or answers 404 for). */
    public static final String API = "/api/**";
    public static final String OPENAI_API = "/v1/**";

    /** The console (static pages) and its sign-in configuration. */
    public static final String CONSOLE = "/console/**";
    public static final String CONSOLE_CONFIG = "/console/config.json";

    private GatewayPaths() {
    }
}
