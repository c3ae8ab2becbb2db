package org.supportrag.eval.online;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How far each tenant's turns have been looked at by a sampler ({@code review}, {@code online}). */
@Repository
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class SamplerPositions {

    private final JdbcClient jdbc;

    public Optional<Instant> find(String tenant, String sampler) {
        return jdbc.sql("SELECT position FROM sampler_positions WHERE tenant_id = ? AND sampler = ?")
            .params(tenant, sampler)
            .query(Timestamp.class)
            .optional()
            .map(Timestamp::toInstant);
    }

    public void advance(String tenant, String sampler, Instant position) {
        jdbc.sql("""
                INSERT INTO sampler_positions (tenant_id, sampler, position) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, sampler) DO UPDATE SET position = greatest(sampler_positions.position,
                    EXCLUDED.position)""")
            .params(tenant, sampler, Timestamp.from(position))
            .update();
    }
}
