package org.supportrag.gateway.oidc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.gateway.GatewayProperties;
import org.supportrag.gateway.audit.AuditLog;

/**
 * Console users who belong to a tenant by invitation: invitations by e-mail address, and the memberships (by issuer
 * and subject) their acceptance creates on the invitee's first sign-in. Memberships are cached like keys: a removal
 * reaches other replicas within the key cache TTL, this one at once.
 */
@Component
public class ConsoleMembers {

    private static final String MEMBER_COLUMNS = "id, tenant_id, issuer, subject, email, roles, created_at";
    private static final String INVITATION_COLUMNS = """
            id, email, roles, invited_by, created_at, expires_at, accepted_at, accepted_by, revoked_at""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog auditLog;
    private final OidcProperties properties;
    private final Cache<String, Optional<Member>> cache;

    ConsoleMembers(JdbcClient jdbc, TransactionTemplate transactions, AuditLog auditLog, OidcProperties properties,
            GatewayProperties gateway) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.auditLog = auditLog;
        this.properties = properties;
        this.cache = gateway.keyCache().build();
    }

    Optional<Member> find(String issuer, String subject) {
        Optional<Member> cached = cache.get(issuer + "\n" + subject, key -> load(issuer, subject));
        if (cached.isEmpty()) {
            // Not remembered: an invitation accepted in the meantime must count at once.
            cache.invalidate(issuer + "\n" + subject);
        }
        return cached;
    }

    /**
     * Accepts the oldest open invitation for this address, if any: the identity becomes a member of its tenant with
     * its roles, and the acceptance is audited in that tenant's log.
     */
    Optional<Member> accept(String issuer, String subject, String email) {
        Optional<Member> accepted = transactions.execute(status -> {
            Optional<UUID> invitation = jdbc.sql("""
                    SELECT i.id FROM console_invitations i JOIN tenants t ON t.id = i.tenant_id
                     WHERE i.email = :email AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
                     ORDER BY i.created_at LIMIT 1 FOR UPDATE OF i SKIP LOCKED
                    """)
                .param("email", email.toLowerCase(java.util.Locale.ROOT))
                .query(UUID.class)
                .optional();
            if (invitation.isEmpty()) {
                return Optional.<Member>empty();
            }
            Optional<Member> member = jdbc.sql("""
                    INSERT INTO console_members (tenant_id, issuer, subject, email, roles, invitation_id)
                    SELECT tenant_id, :issuer, :subject, :email, roles, id FROM console_invitations WHERE id = :id
                    ON CONFLICT (issuer, subject) DO NOTHING
                    RETURNING """ + " " + MEMBER_COLUMNS)
                .param("issuer", issuer)
                .param("subject", subject)
                .param("email", email)
                .param("id", invitation.get())
                .query((rs, row) -> member(rs))
                .optional();
            if (member.isEmpty()) {
                return member;
            }
            jdbc.sql("UPDATE console_invitations SET accepted_at = now(), accepted_by = :subject WHERE id = :id")
                .param("subject", subject)
                .param("id", invitation.get())
                .update();
            auditLog.recordSystem(member.get().tenantId(), email, "invitation.accept", "invitation:" + invitation.get(),
                    AuditLog.SUCCESS);
            return member;
        });
        return accepted == null ? Optional.empty() : accepted;
    }

    /** Empty when the address already has an open invitation to this tenant. */
    public Optional<Invitation> invite(String tenantId, String email, List<String> roles, String invitedBy) {
        return jdbc.sql("""
                INSERT INTO console_invitations (tenant_id, email, roles, invited_by, expires_at)
                VALUES (:tenant, :email, :roles, :by, now() + make_interval(secs => :ttl))
                ON CONFLICT (tenant_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL DO NOTHING
                RETURNING """ + " " + INVITATION_COLUMNS)
            .param("tenant", tenantId)
            .param("email", email)
            .param("roles", roles.toArray(String[]::new))
            .param("by", invitedBy)
            .param("ttl", (double) properties.invitationTtl().toSeconds())
            .query((rs, row) -> invitation(rs))
            .optional();
    }

    public List<Invitation> invitations(String tenantId) {
        return jdbc.sql("SELECT " + INVITATION_COLUMNS + " FROM console_invitations WHERE tenant_id = :tenant"
                + " ORDER BY created_at DESC")
            .param("tenant", tenantId)
            .query((rs, row) -> invitation(rs))
            .list();
    }

    /** False when the tenant has no open invitation with this id. */
    public boolean revokeInvitation(String tenantId, UUID id) {
        return jdbc.sql("""
                UPDATE console_invitations SET revoked_at = now()
                 WHERE id = :id AND tenant_id = :tenant AND accepted_at IS NULL AND revoked_at IS NULL
                """).param("id", id).param("tenant", tenantId).update() == 1;
    }

    public List<Member> members(String tenantId) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM console_members WHERE tenant_id = :tenant ORDER BY created_at")
            .param("tenant", tenantId)
            .query((rs, row) -> member(rs))
            .list();
    }

    /** False when the tenant has no member with this id. */
    public boolean remove(String tenantId, UUID id) {
        boolean removed = jdbc.sql("DELETE FROM console_members WHERE id = :id AND tenant_id = :tenant")
            .param("id", id).param("tenant", tenantId).update() == 1;
        cache.invalidateAll();
        return removed;
    }

    private Optional<Member> load(String issuer, String subject) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM console_members WHERE issuer = :issuer AND subject = :subject")
            .param("issuer", issuer)
            .param("subject", subject)
            .query((rs, row) -> member(rs))
            .optional();
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("issuer"),
                rs.getString("subject"), rs.getString("email"), strings(rs.getArray("roles")),
                instant(rs, "created_at"));
    }

    private static Invitation invitation(ResultSet rs) throws SQLException {
        Instant accepted = instant(rs, "accepted_at");
        Instant revoked = instant(rs, "revoked_at");
        Instant expires = instant(rs, "expires_at");
        String status = accepted != null ? "accepted" : revoked != null ? "revoked"
                : expires != null && expires.isBefore(Instant.now()) ? "expired" : "pending";
        return new Invitation(rs.getObject("id", UUID.class), rs.getString("email"), strings(rs.getArray("roles")),
                status, rs.getString("invited_by"), instant(rs, "created_at"), expires, accepted,
                rs.getString("accepted_by"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** An identity of the issuer that belongs to a tenant by invitation. */
    public record Member(UUID id, String tenantId, String issuer, String subject, @Nullable String email,
            List<String> roles, @Nullable Instant createdAt) {
    }

    /** @param status {@code pending}, {@code accepted}, {@code revoked} or {@code expired} */
    public record Invitation(UUID id, String email, List<String> roles, String status, String invitedBy,
            @Nullable Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant acceptedAt,
            @Nullable String acceptedBy) {
    }
}
