package org.supportrag.gateway.tenants;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
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
import org.supportrag.gateway.GatewayProperties;
import org.supportrag.gateway.audit.AuditLog;
import org.supportrag.gateway.oidc.ConsoleMembers;

/**
 * A tenant admin's console users: invite an e-mail address with roles (the invitee signs in to the console with the
 * configured identity provider, and the first sign-in with that verified address accepts it), list and revoke
 * invitations, list and remove members. The gateway sends no mail: the admin passes on the sign-in link.
 */
@RestController
@RequiredArgsConstructor
class ConsoleInvitationsController {

    static final Set<String> GRANTABLE_ROLES = Set.of(Roles.ADMIN, Roles.AGENT, Roles.OPS);
    static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private final ConsoleMembers members;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final AdminRequests json;
    private final GatewayProperties gateway;

    /** Only admins get here (the admin API), and an admin may already do what agents and ops do. */
    @PostMapping(path = GatewayPaths.INVITATIONS, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Invited> invite(@RequestBody byte[] body, HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        InvitationRequest invite = json.read(body, InvitationRequest.class, "a JSON object with email and roles");
        String email = validEmail(invite.email());
        List<String> roles = validRoles(invite.roles());
        ConsoleMembers.Invitation invitation = transactions.execute(status -> {
            ConsoleMembers.Invitation created = members.invite(caller.tenantId(), email, roles, caller.subject())
                .orElseThrow(() -> new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.of("invitation-exists"),
                        "Invitation exists", "This address already has an open invitation to this tenant."));
            auditLog.record(caller, request, "invitation.create", "invitation:" + created.id(), AuditLog.SUCCESS, null);
            return created;
        });
        URI signIn = URI.create(gateway.publicBaseUrl().toString().replaceAll("/+$", "") + "/console/");
        return ResponseEntity.created(URI.create(GatewayPaths.INVITATIONS + "/" + invitation.id()))
            .body(new Invited(invitation, signIn));
    }

    @GetMapping(GatewayPaths.INVITATIONS)
    InvitationList invitations() {
        return new InvitationList(members.invitations(CallerContext.current().tenantId()));
    }

    @DeleteMapping(GatewayPaths.INVITATIONS + "/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, HttpServletRequest request) {
        return removeAudited(request, "invitation.revoke", "invitation:" + id,
                tenant -> members.revokeInvitation(tenant, id),
                () -> ApiProblemException.notFound("invitation-not-found", "Invitation not found",
                        "This tenant has no open invitation with this id."));
    }

    @GetMapping(GatewayPaths.MEMBERS)
    MemberList members() {
        return new MemberList(members.members(CallerContext.current().tenantId()));
    }

    /** The member's next request is refused (at once here, within the key cache TTL on other replicas). */
    @DeleteMapping(GatewayPaths.MEMBERS + "/{id}")
    ResponseEntity<Void> remove(@PathVariable UUID id, HttpServletRequest request) {
        return removeAudited(request, "member.remove", "member:" + id, tenant -> members.remove(tenant, id),
                () -> ApiProblemException.notFound("member-not-found", "Member not found",
                        "This tenant has no member with this id."));
    }

    /** Removes something of the caller's tenant and audits it in one transaction; 404 when there was none. */
    private ResponseEntity<Void> removeAudited(HttpServletRequest request, String action, String target,
            Predicate<String> removal, Supplier<ApiProblemException> notFound) {
        CallerIdentity caller = CallerContext.current();
        Boolean removed = transactions.execute(status -> {
            boolean done = removal.test(caller.tenantId());
            if (done) {
                auditLog.record(caller, request, action, target, AuditLog.SUCCESS, null);
            }
            return done;
        });
        if (!Boolean.TRUE.equals(removed)) {
            throw notFound.get();
        }
        return ResponseEntity.noContent().build();
    }

    static String validEmail(@Nullable String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(address).matches()) {
            throw AdminRequests.invalid("email is required: an e-mail address (at most " + MAX_EMAIL_LENGTH + " characters).");
        }
        return address;
    }

    static List<String> validRoles(@Nullable List<@Nullable String> roles) {
        String allowed = String.join(", ", GRANTABLE_ROLES.stream().sorted().toList());
        if (roles == null || roles.isEmpty()) {
            throw AdminRequests.invalid("roles is required: at least one of " + allowed + ".");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String role : roles) {
            if (role == null || !GRANTABLE_ROLES.contains(role)) {
                throw AdminRequests.invalid("roles may only contain " + allowed + ".");
            }
            distinct.add(role);
        }
        return List.copyOf(distinct);
    }

    record InvitationRequest(@Nullable String email, @Nullable List<@Nullable String> roles) {
    }

    /** @param signInUrl the console URL to send the invitee: signing in there with that address accepts */
    record Invited(ConsoleMembers.Invitation invitation, URI signInUrl) {
    }

    record InvitationList(List<ConsoleMembers.Invitation> invitations) {
    }

    record MemberList(List<ConsoleMembers.Member> members) {
    }
}
