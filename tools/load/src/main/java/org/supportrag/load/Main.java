package org.supportrag.load;

import io.gatling.app.Gatling$;

/**
 * Runs {@link SupportTraffic} with Gatling: {@code java -jar load-generator.jar [--name value ...]} where each
 * option is a {@link LoadConfig} setting ({@code --conversations 20 --duration-s 120 --base-url ...}), also
 * settable as {@code LOAD_*} environment variables. Writes Gatling's report and {@code summary.json} and
 * {@code turns.jsonl} under {@code --output} (default {@code target/load}); the exit status is Gatling's.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                System.err.println("expected --name value pairs, got " + args[i]);
                System.exit(2);
            }
            System.setProperty("load." + args[i].substring(2), args[i + 1]);
        }
        LoadConfig config = LoadConfig.fromSystem();
        boolean reports = !"false".equals(System.getProperty("load.reports", System.getenv("LOAD_REPORTS")));
        String[] gatling = reports
                ? new String[] { "-s", SupportTraffic.class.getName(), "-rf",
                        config.output().resolve("gatling").toAbsolutePath().toString() }
                : new String[] { "-s", SupportTraffic.class.getName(), "-rf",
                        config.output().resolve("gatling").toAbsolutePath().toString(), "-nr" };
        int status = Gatling$.MODULE$.fromArgs(gatling);
        System.exit(status);
    }
}
