package org.supportrag.defaults.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A PostgreSQL restart as a service's pool meets it: the backends of its connections are gone while the pool still
 * holds them. Only this pool's own backends end, so other test JVMs on the same database are left alone.
 */
public final class TerminatedConnections {

    private TerminatedConnections() {
    }

    /**
     * Borrows every idle connection of the pool (which marks each as just used), terminates their backends from a
     * connection of its own: within Hikari's half second of a connection's last use the next borrower gets it
     * unchecked, so its first statement meets the terminated backend (57P01 or an I/O error).
     *
     * @return how many backends were terminated
     */
    public static int terminateEveryIdleConnection(DataSource dataSource) throws SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        // Opened first: a new connection's log-in could outlast the half second.
        try (Connection own = DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(),
                hikari.getPassword())) {
            List<String> pids = idleBackends(dataSource).stream().map(String::valueOf).toList();
            try (Statement statement = own.createStatement();
                    ResultSet result = statement.executeQuery("SELECT count(*) FILTER (WHERE "
                            + "pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid IN ("
                            + String.join(",", pids) + ")")) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /**
     * The PostgreSQL backends of the pool's idle connections (at least one), each borrowed at once and given back:
     * only this pool's own, so other test JVMs' connections on the same database are left alone.
     */
    public static List<Integer> idleBackends(DataSource dataSource) throws SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        List<Connection> borrowed = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        try {
            int idle = Math.max(1, hikari.getHikariPoolMXBean().getIdleConnections());
            for (int i = 0; i < idle; i++) {
                Connection connection = hikari.getConnection();
                borrowed.add(connection);
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
                    result.next();
                    pids.add(result.getInt(1));
                }
            }
        }
        finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
        return pids;
    }
}
