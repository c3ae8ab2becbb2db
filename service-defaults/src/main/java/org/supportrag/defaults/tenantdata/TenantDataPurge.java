package org.supportrag.defaults.tenantdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes one tenant's rows from every table of the service's schema that has a {@code tenant_id} column, in one
 * transaction. The tables are found in the catalog, not listed here, so a table a later migration adds is purged
 * too; tables referencing others go first so foreign keys without cascade hold. Rows with a NULL tenant (global
 * defaults) are never touched. Idempotent: purging a tenant without rows deletes nothing.
 */
@RequiredArgsConstructor
public class TenantDataPurge {

    private static final String TENANT_TABLES = """
            SELECT c.table_name FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = :schema AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
            """;

    /** (referencing table, referenced table) pairs inside the schema. */
    private static final String REFERENCES = """
            SELECT child.relname AS child, parent.relname AS parent
              FROM pg_constraint k
              JOIN pg_class child ON child.oid = k.conrelid
              JOIN pg_class parent ON parent.oid = k.confrelid
              JOIN pg_namespace n ON n.oid = child.relnamespace
             WHERE k.contype = 'f' AND n.nspname = :schema AND child.oid <> parent.oid
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String schema;

    /** Rows deleted per table (tables without rows of the tenant included, with 0). */
    public Map<String, Integer> purge(String tenantId) {
        Map<String, Integer> deleted = transactions.execute(status -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String table : deletionOrder()) {
                counts.put(table, jdbc.sql("DELETE FROM \"" + schema + "\".\"" + table + "\" WHERE tenant_id = :tenant")
                    .param("tenant", tenantId)
                    .update());
            }
            return counts;
        });
        return deleted == null ? Map.of() : deleted;
    }

    /** The schema's tenant tables, every referencing table before the tables it references. */
    List<String> deletionOrder() {
        Set<String> tables = new TreeSet<>(jdbc.sql(TENANT_TABLES).param("schema", schema).query(String.class).list());
        Map<String, Set<String>> parents = new HashMap<>();
        jdbc.sql(REFERENCES).param("schema", schema).query((rs, row) -> {
            parents.computeIfAbsent(rs.getString("child"), child -> new HashSet<>()).add(rs.getString("parent"));
            return row;
        }).list();
        return childrenFirst(tables, parents);
    }

    /** A table goes once no remaining table references it; a reference cycle is broken in name order. */
    static List<String> childrenFirst(Set<String> tables, Map<String, Set<String>> parents) {
        List<String> order = new ArrayList<>();
        Set<String> remaining = new TreeSet<>(tables);
        while (!remaining.isEmpty()) {
            String next = remaining.stream()
                .filter(table -> remaining.stream()
                    .noneMatch(other -> parents.getOrDefault(other, Set.of()).contains(table)))
                .findFirst()
                .orElse(remaining.iterator().next());
            order.add(next);
            remaining.remove(next);
        }
        return order;
    }
}
