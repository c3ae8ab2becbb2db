package org.supportrag.generation.guardrail;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Retrains the injection model and writes it with its validation metrics into {@code src/main/resources/guardrail}.
 * Not part of the test suite (the name matches no test pattern); run it with
 * {@code ./mvnw -B -o -pl generation-service -am test -Dtest=InjectionModelTraining -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class InjectionModelTraining {

    @Test
    void train() throws IOException {
        InjectionModelTrainer.Result result = InjectionModelTrainer.train();
        InjectionModelTrainer.write(result,
                InjectionModelTrainer.repositoryRoot().resolve("generation-service/src/main/resources"));
        System.out.println(result.metricsJson());
    }
}
