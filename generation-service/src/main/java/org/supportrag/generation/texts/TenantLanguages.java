package org.supportrag.generation.texts;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.jdbc.DatabaseRetry;

/**
 * Per-tenant customer language in table {@code tenant_languages}, cached briefly per replica (a save clears this
 * replica's entry at once; another replica follows within {@link #TTL}).
 */
@Component
public class TenantLanguages {

    /** The languages customer texts exist in (message bundles). */
    public static final Set<String> SUPPORTED = Set.of("en", "de");
    /** As the guardrail policies: short enough that other replicas follow a change quickly. */
    static final Duration TTL = Duration.ofSeconds(10);

    /** What a tenant without its own setting gets. */
    public static final Setting DEFAULT = new Setting("en", true);

    private final JdbcClient jdbc;
    private final Cache<String, Setting> cache = Caffeine.newBuilder().expireAfterWrite(TTL).build();
    private final DatabaseRetry retry;

    TenantLanguages(JdbcClient jdbc, DatabaseRetry retry) {
        this.retry = retry;
        this.jdbc = jdbc;
    }

    /**
     * @param defaultLanguage the language of customer texts when the message's language is not recognized, and
     *        the one the widget starts in ({@code en} or {@code de})
     * @param answerInVisitorLanguage whether texts follow the language of the visitor's message; false = always the
     *        default language
     */
    public record Setting(String defaultLanguage, boolean answerInVisitorLanguage) {

        Locale defaultLocale() {
            return Locale.forLanguageTag(defaultLanguage);
        }
    }

    /** The tenant's effective setting. */
    public Setting of(String tenantId) {
        return cache.get(tenantId, tenant -> retry.call(() -> stored(tenant)).orElse(DEFAULT));
    }

    Optional<Setting> stored(String tenantId) {
        return jdbc.sql("""
                SELECT default_language, answer_in_visitor_language FROM tenant_languages WHERE tenant_id = :tenant""")
            .param("tenant", tenantId)
            .query((row, n) -> new Setting(row.getString(1), row.getBoolean(2)))
            .optional();
    }

    void save(String tenantId, Setting setting, String by) {
        jdbc.sql("""
                INSERT INTO tenant_languages (tenant_id, default_language, answer_in_visitor_language, updated_by)
                VALUES (:tenant, :language, :follow, :by)
                ON CONFLICT (tenant_id) DO UPDATE SET default_language = EXCLUDED.default_language,
                    answer_in_visitor_language = EXCLUDED.answer_in_visitor_language,
                    updated_at = clock_timestamp(), updated_by = EXCLUDED.updated_by""")
            .param("tenant", tenantId)
            .param("language", setting.defaultLanguage())
            .param("follow", setting.answerInVisitorLanguage())
            .param("by", by)
            .update();
        cache.invalidate(tenantId);
    }
}
