package org.supportrag.defaults.jdbc;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.defaults.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncCommitIT {

    @Test
    void turnsOffTheFlushWaitForItsTransactionOnlyAndTheConnectionKeepsItsSetting() {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        // One connection, as a pool would hand the same one to the next borrower.
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db.jdbcUrl(), db.username(),
                db.password(), true);
        try {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            String before = setting(jdbc);

            String inside = transactions.execute(status -> {
                AsyncCommit.forThisTransaction(jdbc);
                return setting(jdbc);
            });

            assertThat(before).isEqualTo("on");
            assertThat(inside).isEqualTo("off");
            assertThat(setting(jdbc)).as("after the commit, on the same connection").isEqualTo("on");
        }
        finally {
            dataSource.destroy();
        }
    }

    private static String setting(JdbcClient jdbc) {
        return jdbc.sql("SHOW synchronous_commit").query(String.class).single();
    }
}
