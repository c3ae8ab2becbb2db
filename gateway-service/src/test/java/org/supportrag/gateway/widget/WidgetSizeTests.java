package org.supportrag.gateway.widget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The widget loads on every page of a customer's site: all it downloads stays small. */
class WidgetSizeTests {

    static final Path STATIC = Path.of("src/main/resources/static");
    static final int BUDGET_GZIPPED_BYTES = 30 * 1024;

    @Test
    void theLoaderItsModulesAndItsStylesheetStayWithin30KilobytesGzipped() throws IOException {
        List<Path> files = new ArrayList<>(List.of(STATIC.resolve("widget.js"), STATIC.resolve("widget.css")));
        try (Stream<Path> modules = Files.list(STATIC.resolve("widget"))) {
            modules.filter(file -> file.toString().endsWith(".js")).forEach(files::add);
        }

        long total = 0;
        for (Path file : files) {
            total += gzippedSize(Files.readAllBytes(file));
        }

        assertThat(files).hasSizeGreaterThan(3);
        assertThat(total).isLessThanOrEqualTo(BUDGET_GZIPPED_BYTES);
    }

    @Test
    void everyModuleTheWidgetImportsIsServed() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> modules = Files.list(STATIC.resolve("widget"))) {
            for (Path module : modules.toList()) {
                for (String line : Files.readAllLines(module)) {
                    if (line.startsWith("import ") && line.contains(" from './")) {
                        String target = line.substring(line.indexOf("'./") + 3, line.lastIndexOf('\''));
                        if (!Files.exists(STATIC.resolve("widget").resolve(target))) {
                            missing.add(module.getFileName() + " -> " + target);
                        }
                    }
                }
            }
        }

        assertThat(Files.readString(STATIC.resolve("widget.js"))).contains("'widget/main.js'");
        assertThat(missing).isEmpty();
    }

    private static int gzippedSize(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.size();
    }
}
