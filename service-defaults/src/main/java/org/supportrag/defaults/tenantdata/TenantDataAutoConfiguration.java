package org.supportrag.defaults.tenantdata;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.defaults.security.InternalSecurityAutoConfiguration;

/**
 * Every data service (one behind the internal-token chain, with a database) answers the gateway's tenant purge.
 * The gateway, which has its own public chain, does not: it deletes its own rows itself.
 */
@AutoConfiguration(after = InternalSecurityAutoConfiguration.class,
        afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnBean(name = "internalSecurityFilterChain", value = { JdbcClient.class, PlatformTransactionManager.class })
public class TenantDataAutoConfiguration {

    @Bean
    TenantDataPurge tenantDataPurge(JdbcClient jdbc, PlatformTransactionManager transactions, Environment environment) {
        String schema = environment.getProperty("spring.flyway.default-schema", "public");
        return new TenantDataPurge(jdbc, new TransactionTemplate(transactions), schema);
    }

    @Bean
    TenantDataController tenantDataController(TenantDataPurge purge) {
        return new TenantDataController(purge);
    }
}
