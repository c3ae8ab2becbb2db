package org.supportrag.generation.crm;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.ServiceClient.Response;
import org.supportrag.generation.texts.CustomerText;
import org.supportrag.generation.texts.CustomerTexts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * The language and CRM connector sections of a tenant's settings, over real HTTP against the real database: invalid
 * input is refused with a problem and changes nothing stored; a saved setting applies to the next turn (no restart),
 * the CRM one overriding the configuration (which has no CRM here). The widget's language chooses the service's
 * own texts when the message's language is not recognized.
 */
@GenerationIT
class TenantLanguageAndCrmSettingsIT {

    static final String LANGUAGE = "/api/v1/settings/language";
    static final String CRM = "/api/v1/crm/connector";
    static final StubCrm crm = new StubCrm();

    @Autowired
    ServiceClient client;

    final CustomerTexts texts = new CustomerTexts();

    @AfterAll
    static void stopServers() {
        crm.close();
    }

    @BeforeEach
    void setUp() {
        crm.reset();
    }

    @Test
    void refusesAnUnknownLanguageAndKeepsTheStoredOne() throws Exception {
        CallerIdentity admin = admin(newTenant());
        assertThat(client.put(admin, LANGUAGE, "{\"defaultLanguage\":\"de\",\"answerInVisitorLanguage\":false}")
            .status()).isEqualTo(200);

        Response french = client.put(admin, LANGUAGE, "{\"defaultLanguage\":\"fr\"}");
        Response missing = client.put(admin, LANGUAGE, "{\"answerInVisitorLanguage\":true}");

        assertThat(french.status()).isEqualTo(400);
        assertThat(french.contentType()).startsWith("application/problem+json");
        assertThat(french.body().get("detail").stringValue()).contains("defaultLanguage");
        assertThat(missing.status()).isEqualTo(400);
        Response stored = client.get(admin, LANGUAGE);
        assertThat(stored.body().get("defaultLanguage").stringValue()).isEqualTo("de");
        assertThat(stored.body().get("answerInVisitorLanguage").booleanValue()).isFalse();
    }

    @Test
    void leavesLanguageSettingsToAdmins() throws Exception {
        assertThat(client.put(customer(newTenant()), LANGUAGE, "{\"defaultLanguage\":\"de\"}").status())
            .isEqualTo(403);
        assertThat(client.put(customer(newTenant()), CRM, "{\"kind\":\"none\"}").status()).isEqualTo(403);
    }

    @Test
    void answersInTheTenantsDefaultLanguageFromTheNextTurnOn() throws Exception {
        String tenant = newTenant();
        CallerIdentity admin = admin(tenant);
        assertThat(client.put(admin, "/api/v1/guardrails/policy", "{\"bannedTopics\":[\"bitcoin\"]}").status())
            .isEqualTo(200);
        String english = texts.get(CustomerText.GUARDRAIL_BANNED, Locale.ENGLISH);
        String german = texts.get(CustomerText.GUARDRAIL_BANNED, Locale.GERMAN);
        // Before any setting: a message in no recognizable language gets English.
        assertThat(client.stream(customer(tenant), body("bitcoin?")).text()).isEqualTo(english);

        client.put(admin, LANGUAGE, "{\"defaultLanguage\":\"de\"}");

        // Not recognized: the tenant's default; recognized: the visitor's language.
        assertThat(client.stream(customer(tenant), body("bitcoin?")).text()).isEqualTo(german);
        assertThat(client.stream(customer(tenant), body("Can I pay with bitcoin?")).text()).isEqualTo(english);

        client.put(admin, LANGUAGE, "{\"defaultLanguage\":\"de\",\"answerInVisitorLanguage\":false}");

        assertThat(client.stream(customer(tenant), body("Can I pay with bitcoin?")).text()).isEqualTo(german);
    }

    @Test
    void answersInTheWidgetsLanguageWhenTheMessageReadsAsNoneAndTheTenantLetsTextsFollowTheVisitor() throws Exception {
        String tenant = newTenant();
        CallerIdentity admin = admin(tenant);
        assertThat(client.put(admin, "/api/v1/guardrails/policy", "{\"bannedTopics\":[\"bitcoin\"]}").status())
            .isEqualTo(200);
        String english = texts.get(CustomerText.GUARDRAIL_BANNED, Locale.ENGLISH);
        String german = texts.get(CustomerText.GUARDRAIL_BANNED, Locale.GERMAN);

        assertThat(client.stream(customer(tenant), inWidget("bitcoin?", "de")).text()).isEqualTo(german);
        assertThat(client.stream(customer(tenant), inWidget("bitcoin?", "de-AT")).text()).isEqualTo(german);
        assertThat(client.stream(customer(tenant), inWidget("bitcoin?", "fr")).text())
            .as("no texts in French: the tenant's default").isEqualTo(english);
        assertThat(client.stream(customer(tenant), inWidget("Can I pay with bitcoin?", "de")).text())
            .as("a message that reads as English").isEqualTo(english);

        client.put(admin, LANGUAGE, "{\"defaultLanguage\":\"en\",\"answerInVisitorLanguage\":false}");

        assertThat(client.stream(customer(tenant), inWidget("bitcoin?", "de")).text())
            .as("texts in the tenant's language only").isEqualTo(english);
    }

    @Test
    void refusesALanguageThatIsNoLanguageTag() throws Exception {
        Response refused = client.json(customer(newTenant()), inWidget("Where is my parcel?", "de_DE<script>"),
                "application/json");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("detail").stringValue()).contains("language");
    }

    @Test
    void refusesInvalidCrmConnectorsAndKeepsTheStoredOne() throws Exception {
        CallerIdentity admin = admin(newTenant());
        String valid = "{\"kind\":\"rest\",\"baseUrl\":\"https://crm.example.com/api\",\"apiToken\":\"first-token\"}";
        assertThat(client.put(admin, CRM, valid).status()).isEqualTo(200);

        for (String invalid : new String[] { "{\"kind\":\"salesforce\"}", "{\"kind\":\"rest\"}",
                "{\"kind\":\"rest\",\"baseUrl\":\"ftp://crm.example.com\"}",
                "{\"kind\":\"rest\",\"baseUrl\":\"https://user:secret@crm.example.com\"}",
                "{\"kind\":\"rest\",\"baseUrl\":\"not a url\"}",
                "{\"kind\":\"rest\",\"baseUrl\":\"https://crm.example.com\",\"secretRef\":\"RAG_DATABASE_PASSWORD\"}" }) {
            Response refused = client.put(admin, CRM, invalid);
            assertThat(refused.status()).as(invalid).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }

        Response stored = client.get(admin, CRM);
        assertThat(stored.body().get("source").stringValue()).isEqualTo("tenant");
        assertThat(stored.body().get("kind").stringValue()).isEqualTo("rest");
        assertThat(stored.body().get("baseUrl").stringValue()).isEqualTo("https://crm.example.com/api");
        assertThat(stored.body().get("tokenSet").booleanValue()).isTrue();
        // The token is write-only.
        assertThat(stored.body().toString()).doesNotContain("first-token");
    }

    @Test
    void usesTheTenantsCrmConnectorFromTheNextTurnOnWithoutARestart() throws Exception {
        String tenant = newTenant();
        CallerIdentity admin = admin(tenant);
        assertThat(client.get(admin, CRM).body().get("source").stringValue()).isEqualTo("configuration");
        client.json(verified(tenant), body("Which plan am I on?"), "application/json");
        assertThat(crm.requests()).isEmpty(); // the configuration has no CRM

        Response saved = client.put(admin, CRM, "{\"kind\":\"rest\",\"baseUrl\":\"" + crm.url()
                + "\",\"apiToken\":\"tenant-token\"}");
        assertThat(saved.status()).isEqualTo(200);
        client.json(verified(tenant), body("Which plan am I on?"), "application/json");

        assertThat(crm.requests()).isNotEmpty()
            .allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer tenant-token"));

        // Sent again without a token: the stored one stays. Then none turns it off.
        assertThat(client.put(admin, CRM, "{\"kind\":\"rest\",\"baseUrl\":\"" + crm.url() + "\"}").body()
            .get("tokenSet").booleanValue()).isTrue();
        client.put(admin, CRM, "{\"kind\":\"none\"}");
        crm.reset();
        client.json(verified(tenant), body("Which plan am I on?"), "application/json");
        assertThat(crm.requests()).isEmpty();
    }

    /** A chat request as the widget sends it: the message and the widget's language. */
    private static String inWidget(String message, String language) {
        return "{\"message\":\"" + message + "\",\"language\":\"" + language + "\"}";
    }

    private static CallerIdentity admin(String tenant) {
        return new CallerIdentity(tenant, "admin@demo.local", Set.of(Roles.ADMIN), Set.of(), null);
    }

    private static CallerIdentity verified(String tenant) {
        return new CallerIdentity(tenant, "visitor-" + UUID.randomUUID(), Set.of(Roles.CUSTOMER), Set.of(),
                StubCrm.CUSTOMER);
    }
}
