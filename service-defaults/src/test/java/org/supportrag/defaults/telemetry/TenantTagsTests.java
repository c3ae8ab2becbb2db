package org.supportrag.defaults.telemetry;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantTagsTests {

    @Test
    void keepsTheConfiguredTenantsAndFoldsEveryOtherIntoOther() {
        TenantTags tags = new TenantTags(new TelemetryProperties(List.of("acme", "demo"), 50));

        assertThat(tags.of("acme")).isEqualTo("acme");
        assertThat(tags.of("demo")).isEqualTo("demo");
        assertThat(tags.of("someone-else")).isEqualTo(TenantTags.OTHER);
        assertThat(tags.of(null)).isEqualTo(TenantTags.OTHER);
        assertThat(tags.of(" ")).isEqualTo(TenantTags.OTHER);
    }

    @Test
    void withoutAListGivesOnlyTheFirstTenantsSeenTheirOwnValue() {
        TenantTags tags = new TenantTags(new TelemetryProperties(List.of(), 2));

        assertThat(tags.of("t1")).isEqualTo("t1");
        assertThat(tags.of("t2")).isEqualTo("t2");
        assertThat(tags.of("t3")).isEqualTo(TenantTags.OTHER);
        assertThat(tags.of("t1")).as("a tenant keeps its value").isEqualTo("t1");
        assertThat(tags.of("t4")).isEqualTo(TenantTags.OTHER);
    }
}
