package org.supportrag.ragctl;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The platform operator's tenants API ({@code /api/v1/platform/**}), with an operator key as {@code --api-key};
 * {@code bootstrap} takes the deployment's one-time bootstrap credential instead. Answers are printed as JSON.
 */
@Command(name = "tenants", mixinStandardHelpOptions = true,
        description = "Creates, lists, renames, suspends, resumes and deletes tenants (platform operator key).",
        subcommands = { TenantsCommand.Bootstrap.class, TenantsCommand.Create.class, TenantsCommand.ListTenants.class,
                TenantsCommand.Show.class, TenantsCommand.Rename.class, TenantsCommand.Suspend.class,
                TenantsCommand.Resume.class, TenantsCommand.Delete.class, TenantsCommand.Deletions.class })
final class TenantsCommand extends CommandGroup {

    static final String TENANTS = "api/v1/platform/tenants";

    /** Runs one call with the root's gateway options and prints its answer. */
    abstract static class Call implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        abstract Object run(GatewayClient client);

        @Override
        public Integer call() {
            JsonOutput.print(run(GatewayOptions.of(spec).client()));
            return 0;
        }
    }

    /** A tenant id. */
    abstract static class Id extends Call {

        @Parameters(index = "0", paramLabel = "ID", description = "Tenant id: lower-case letters, digits, hyphens.")
        String id = "";
    }

    /** A tenant id and a display name. */
    abstract static class IdAndName extends Id {

        @Parameters(index = "1", paramLabel = "NAME", description = "Display name.")
        String name = "";
    }

    @Command(name = "bootstrap", mixinStandardHelpOptions = true,
            description = "First run: creates the first tenant, its admin key and a platform operator key with the "
                    + "one-time bootstrap credential (--api-key), which then stops working. Keys are shown once.")
    static final class Bootstrap extends IdAndName {

        @Override
        Object run(GatewayClient client) {
            return client.call("POST", "api/v1/platform/bootstrap", Map.of("id", id, "name", name));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a tenant and its first admin key (shown once).")
    static final class Create extends IdAndName {

        @Override
        Object run(GatewayClient client) {
            return client.call("POST", TENANTS, Map.of("id", id, "name", name));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tenants.")
    static final class ListTenants extends Call {

        @Override
        Object run(GatewayClient client) {
            return client.call("GET", TENANTS, null);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows a tenant; with an admin key and no ID, the key's own tenant.")
    static final class Show extends Call {

        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Tenant id (platform operator).")
        String id = "";

        @Override
        Object run(GatewayClient client) {
            return client.call("GET", id.isEmpty() ? "api/v1/admin/tenant" : TENANTS + "/" + id, null);
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Renames a tenant.")
    static final class Rename extends IdAndName {

        @Override
        Object run(GatewayClient client) {
            return client.call("PATCH", TENANTS + "/" + id, Map.of("name", name));
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspends a tenant: its keys are refused until it is resumed.")
    static final class Suspend extends Id {

        @Override
        Object run(GatewayClient client) {
            return client.call("POST", TENANTS + "/" + id + "/suspend", null);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a suspended tenant.")
    static final class Resume extends Id {

        @Override
        Object run(GatewayClient client) {
            return client.call("POST", TENANTS + "/" + id + "/resume", null);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a tenant: its keys stop working at once, its data in every service is purged (see"
                    + " deletions); the id cannot be reused.")
    static final class Delete extends Id {

        @Override
        Object run(GatewayClient client) {
            return client.call("DELETE", TENANTS + "/" + id, null);
        }
    }

    @Command(name = "deletions", mixinStandardHelpOptions = true,
            description = "Deleted tenants and the purge of their data (pending until every service confirmed).")
    static final class Deletions extends Call {

        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Only this deleted tenant.")
        String id = "";

        @Override
        Object run(GatewayClient client) {
            String path = "api/v1/platform/tenant-deletions";
            return client.call("GET", id.isEmpty() ? path : path + "/" + id, null);
        }
    }
}
