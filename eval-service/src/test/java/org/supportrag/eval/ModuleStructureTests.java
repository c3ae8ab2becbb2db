package org.supportrag.eval;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each feature package is a module: no cycles between them, no reaching into another's internals. */
class ModuleStructureTests {

    @Test
    void featurePackagesFormModulesWithoutCycles() {
        ApplicationModules.of(EvalApplication.class).verify();
    }
}
