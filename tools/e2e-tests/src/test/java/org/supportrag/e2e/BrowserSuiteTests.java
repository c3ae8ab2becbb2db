package org.supportrag.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every browser test file runs in `make test`: each is in exactly one IT class's suite. */
class BrowserSuiteTests {

    @Test
    void everyBrowserTestFileIsInExactlyOneSuite() throws IOException {
        List<String> files;
        try (var listing = Files.list(BrowserSuite.directory())) {
            files = listing.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".test.mjs")).toList();
        }
        List<String> inSuites = Arrays.stream(BrowserSuite.values()).flatMap(suite -> suite.files.stream()).toList();

        assertThat(files).isNotEmpty();
        assertThat(inSuites).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
    }
}
