package org.supportrag.ragctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RagctlArgumentsTests {

    @Test
    void evalBeirTakesTheDocumentedDefaults() {
        BeirCommand beir = leaf(Main.commandLine().parseArgs("eval", "beir", "datasets/scifact"));

        assertThat(beir.dir).isEqualTo(Path.of("datasets/scifact"));
        assertThat(beir.split).isEqualTo("test");
        assertThat(beir.mode).isEqualTo(BeirCommand.Mode.full);
        assertThat(beir.limit).isNull();
        assertThat(beir.json).isFalse();
        assertThat(beir.noHistory).isFalse();
        assertThat(beir.gateway().url).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(beir.gateway().apiKey).isEqualTo(System.getenv().getOrDefault(GatewayOptions.API_KEY_ENV,
                "demo-admin-key"));
    }

    @Test
    void evalBeirReadsEveryOption() {
        BeirCommand beir = leaf(Main.commandLine().parseArgs("eval", "beir", "d", "--split", "dev", "--mode", "dense",
                "--no-history", "--limit", "25", "--json", "--url", "http://gw:9000", "--api-key", "k"));

        assertThat(beir.split).isEqualTo("dev");
        assertThat(beir.mode).isEqualTo(BeirCommand.Mode.dense);
        assertThat(beir.noHistory).isTrue();
        assertThat(beir.limit).isEqualTo(25);
        assertThat(beir.json).isTrue();
        assertThat(beir.gateway().url).isEqualTo(URI.create("http://gw:9000"));
        assertThat(beir.gateway().apiKey).isEqualTo("k");
    }

    @Test
    void gatewayOptionsMayComeBeforeTheCommand() {
        IngestCommand ingest = leaf(Main.commandLine().parseArgs("--url", "http://gw:9000", "--api-key", "k", "ingest",
                "a.md"));

        assertThat(ingest.gateway().url).isEqualTo(URI.create("http://gw:9000"));
        assertThat(ingest.gateway().apiKey).isEqualTo("k");
    }

    @Test
    void fullModeSendsNoModeSoTheServiceDefaultRuns() {
        assertThat(BeirCommand.Mode.full.wireValue()).isNull();
        assertThat(BeirCommand.Mode.hybrid.wireValue()).isEqualTo("hybrid");
    }

    @Test
    void rejectsAnUnknownModeWithAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("eval", "beir", "d", "--mode", "semantic");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--mode").contains("semantic");
    }

    @Test
    void failsWithAMessageWhenTheFolderIsNotADataset(@org.junit.jupiter.api.io.TempDir Path empty) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("eval", "beir", empty.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("is not a BEIR dataset");
    }

    @Test
    void askTakesAQuestionAConversationAndAWidgetKey() {
        AskCommand ask = leaf(Main.commandLine().parseArgs("ask", "How do I reset my password?", "--conversation",
                "c-1"));

        assertThat(ask.question).isEqualTo("How do I reset my password?");
        assertThat(ask.conversationId).isEqualTo("c-1");
        assertThat(ask.widgetKey).isEqualTo("demo-widget-key");
    }

    @Test
    void ingestTakesSeveralPathsAndAKnowledgeBase() {
        IngestCommand ingest = leaf(Main.commandLine().parseArgs("ingest", "a.md", "docs", "--kb", "manuals"));

        assertThat(ingest.paths).containsExactly(Path.of("a.md"), Path.of("docs"));
        assertThat(ingest.knowledgeBase).isEqualTo("manuals");
    }

    @Test
    void ingestWithoutAPathIsAUsageError() {
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("ingest")).isEqualTo(2);
    }

    @Test
    void noCommandIsAUsageError() {
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute()).isEqualTo(2);
        assertThat(commandLine.execute("eval")).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static <T> T leaf(ParseResult result) {
        ParseResult leaf = result;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return (T) leaf.commandSpec().userObject();
    }

    @Test
    void keysCreateTakesEveryOriginGivenAndTheGatewayOptionsAfterIt() {
        KeysCommand.Create create = leaf(Main.commandLine().parseArgs("keys", "create", "--origin",
                "https://a.example", "--origin", "https://b.example", "--name", "Shop", "--api-key", "k"));

        assertThat(create.origins).containsExactly("https://a.example", "https://b.example");
        assertThat(create.name).isEqualTo("Shop");
        assertThat(GatewayOptions.of(create.spec).apiKey).isEqualTo("k");
    }

    @Test
    void tenantsCreateTakesAnIdAndAName() {
        TenantsCommand.Create create = leaf(Main.commandLine().parseArgs("tenants", "create", "acme", "Acme Inc"));

        assertThat(create.id).isEqualTo("acme");
        assertThat(create.name).isEqualTo("Acme Inc");
    }

    @Test
    void keysCreateAllowsWildcardOriginsOnlyWhenAsked() {
        KeysCommand.Create plain = leaf(Main.commandLine().parseArgs("keys", "create", "--origin", "https://a.example"));
        KeysCommand.Create wildcard = leaf(Main.commandLine().parseArgs("keys", "create", "--origin",
                "https://*.a.example", "--allow-wildcards"));

        assertThat(plain.wildcards).isFalse();
        assertThat(wildcard.wildcards).isTrue();
    }

    @Test
    void settingsSetTakesASectionAndItsJsonInlineAndRefusesAnythingButAnObject() {
        SettingsCommand.Set set = leaf(Main.commandLine().parseArgs("settings", "set", "rateLimits", "{\"widgetKey\":600}"));

        assertThat(set.section).isEqualTo("rateLimits");
        assertThat(set.parse().path("widgetKey").asInt()).isEqualTo(600);
        SettingsCommand.Set list = leaf(Main.commandLine().parseArgs("settings", "set", "budgets", "[1]"));
        assertThatThrownBy(list::parse).isInstanceOf(picocli.CommandLine.ParameterException.class);
    }

    @Test
    void usersInviteTakesAnAddressAndItsRoles() {
        UsersCommand.Invite invite = leaf(Main.commandLine().parseArgs("users", "invite", "ann@acme.example", "--role",
                "agent", "--role", "ops"));

        assertThat(invite.email).isEqualTo("ann@acme.example");
        assertThat(invite.roles).containsExactly("agent", "ops");
    }
}
