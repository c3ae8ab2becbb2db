package org.supportrag.defaults.tenantdata;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.defaults.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's tenant purge against real PostgreSQL: every table with a tenant_id loses the tenant's rows, children
 * before parents even without cascading keys, while other tenants' rows and global (NULL tenant) rows stay.
 */
class TenantDataPurgeIT {

    static final String SCHEMA = "tenant_purge_it";

    JdbcClient jdbc;
    TenantDataPurge purge;

    @BeforeEach
    void setUp() {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + SCHEMA).update();
        jdbc.sql("""
                CREATE TABLE %1$s.datasets (id int PRIMARY KEY, tenant_id text NOT NULL);
                CREATE TABLE %1$s.runs (id int PRIMARY KEY, tenant_id text NOT NULL,
                                        dataset_id int NOT NULL REFERENCES %1$s.datasets (id));
                CREATE TABLE %1$s.a_verdicts (id int PRIMARY KEY, tenant_id text NOT NULL,
                                              run_id int NOT NULL REFERENCES %1$s.runs (id));
                CREATE TABLE %1$s.items (dataset_id int NOT NULL REFERENCES %1$s.datasets (id) ON DELETE CASCADE);
                CREATE TABLE %1$s.prompts (name text, tenant_id text);
                CREATE VIEW %1$s.run_view AS SELECT tenant_id FROM %1$s.runs;
                INSERT INTO %1$s.datasets VALUES (1, 'doomed'), (2, 'kept');
                INSERT INTO %1$s.runs VALUES (1, 'doomed', 1), (2, 'kept', 2);
                INSERT INTO %1$s.a_verdicts VALUES (1, 'doomed', 1), (2, 'kept', 2);
                INSERT INTO %1$s.items VALUES (1), (2);
                INSERT INTO %1$s.prompts VALUES ('global', NULL), ('own', 'doomed'), ('other', 'kept');
                """.formatted(SCHEMA)).update();
        purge = new TenantDataPurge(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), SCHEMA);
    }

    @Test
    void purgingATenantDeletesItsRowsEverywhereAndNothingElse() {
        Map<String, Integer> deleted = purge.purge("doomed");

        assertThat(deleted).containsEntry("datasets", 1).containsEntry("runs", 1).containsEntry("a_verdicts", 1)
            .containsEntry("prompts", 1).doesNotContainKey("run_view");
        assertThat(count("SELECT count(*) FROM %s.datasets WHERE tenant_id = 'doomed'")).isZero();
        assertThat(count("SELECT count(*) FROM %s.items")).as("cascaded rows without tenant_id go too").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.prompts WHERE tenant_id IS NULL")).as("global rows stay").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.runs WHERE tenant_id = 'kept'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.a_verdicts WHERE tenant_id = 'kept'")).isEqualTo(1);
        assertThat(purge.purge("doomed").values()).as("idempotent").containsOnly(0);
    }

    @Test
    void referencingTablesComeBeforeTheTablesTheyReference() {
        assertThat(purge.deletionOrder()).containsSubsequence("a_verdicts", "runs", "datasets");
        assertThat(TenantDataPurge.childrenFirst(Set.of("a", "b"), Map.of("a", Set.of("b"), "b", Set.of("a"))))
            .as("a cycle does not hang").hasSize(2);
    }

    private long count(String sql) {
        return jdbc.sql(sql.formatted(SCHEMA)).query(Long.class).single();
    }
}
