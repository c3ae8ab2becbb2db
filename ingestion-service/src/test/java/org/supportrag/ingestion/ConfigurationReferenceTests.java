package org.supportrag.ingestion;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.testsupport.ConfigurationReference;

/** docs/configuration.md lists this module's settings as its configuration metadata has them. */
class ConfigurationReferenceTests {

    @Test
    void configurationDocumentHoldsThisModulesSettings() {
        ConfigurationReference.assertCommitted("ingestion-service");
    }
}
