package org.supportrag.ragctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The admin key's tenant's console users by invitation ({@code /api/v1/admin/invitations}, {@code .../members}).
 * Answers are printed as JSON.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Invites console users by e-mail address, lists and revokes invitations, lists and removes members (admin key).",
        subcommands = { UsersCommand.Invite.class, UsersCommand.Invitations.class, UsersCommand.RevokeInvitation.class,
                UsersCommand.Members.class, UsersCommand.Remove.class })
final class UsersCommand extends CommandGroup {

    static final String INVITATIONS = "api/v1/admin/invitations";
    static final String MEMBERS = "api/v1/admin/members";

    @Command(name = "invite", mixinStandardHelpOptions = true,
            description = "Invites an address; the first sign-in to the console with it (verified) accepts.")
    static final class Invite extends TenantsCommand.Call {

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email = "";

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "agent, admin or ops (repeatable).")
        List<String> roles = new ArrayList<>();

        @Override
        Object run(GatewayClient client) {
            return client.call("POST", INVITATIONS, Map.of("email", email, "roles", roles));
        }
    }

    @Command(name = "invitations", mixinStandardHelpOptions = true, description = "Lists the tenant's invitations.")
    static final class Invitations extends TenantsCommand.Call {

        @Override
        Object run(GatewayClient client) {
            return client.call("GET", INVITATIONS, null);
        }
    }

    @Command(name = "revoke-invitation", mixinStandardHelpOptions = true, description = "Revokes an open invitation.")
    static final class RevokeInvitation extends TenantsCommand.Call {

        @Parameters(index = "0", paramLabel = "INVITATION-ID")
        String id = "";

        @Override
        Object run(GatewayClient client) {
            return client.call("DELETE", INVITATIONS + "/" + id, null);
        }
    }

    @Command(name = "members", mixinStandardHelpOptions = true, description = "Lists the members by invitation.")
    static final class Members extends TenantsCommand.Call {

        @Override
        Object run(GatewayClient client) {
            return client.call("GET", MEMBERS, null);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a member: their next console request is refused.")
    static final class Remove extends TenantsCommand.Call {

        @Parameters(index = "0", paramLabel = "MEMBER-ID")
        String id = "";

        @Override
        Object run(GatewayClient client) {
            return client.call("DELETE", MEMBERS + "/" + id, null);
        }
    }
}
