package org.supportrag.ragctl;

import java.io.PrintStream;

/** A one-line progress bar on stderr when it is a terminal; silent otherwise (logs, pipes, CI). */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private final String label;
    private final long total;

    Progress(String label, long total) {
        this(System.err, System.console() != null, label, total);
    }

    Progress(PrintStream out, boolean enabled, String label, long total) {
        this.out = out;
        this.enabled = enabled;
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        if (enabled) {
            out.print("\r" + line(label, done, total));
            out.flush();
        }
    }

    void finish() {
        if (enabled) {
            out.println();
        }
    }

    static String line(String label, long done, long total) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format("%s [%s%s] %d/%d", label, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total);
    }
}
