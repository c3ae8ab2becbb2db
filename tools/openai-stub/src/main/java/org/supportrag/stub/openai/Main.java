package org.supportrag.stub.openai;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the stub standalone for benchmarks and manual use until the process is stopped.
 *
 * <pre>
 * java -jar openai-stub.jar --port 11434 --answer "..." --token-delay-ms 5 --latency-ms 0
 * </pre>
 */
public final class Main {

	private static final String USAGE = """
			Usage: openai-stub [options]
			  --host <address>             bind address (default 127.0.0.1)
			  --port <port>                port, 0 for a random one (default 11434)
			  --answer <text>              answer to every chat request
			  --token-delay-ms <ms>        pause before each streamed chunk (default 0)
			  --latency-ms <ms>            pause before the first byte (default 0)
			  --models <a,b,...>           names listed by GET /v1/models
			  --embedding-dimensions <n>   default embedding size (default 384)
			  --report-usage <true|false>  send token usage in chat responses (default true)
			  --record-limit <n>           requests kept for inspection, newest first (default 1000)
			""";

	private Main() {
	}

	public static void main(String[] args) throws InterruptedException {
		String host = "127.0.0.1";
		int port = 11434;
		String answer = OpenAiStubServer.DEFAULT_ANSWER;
		long tokenDelayMs = 0;
		long latencyMs = 0;
		String[] models = { OpenAiStubServer.DEFAULT_MODEL };
		int dimensions = OpenAiStubServer.DEFAULT_EMBEDDING_DIMENSIONS;
		boolean reportUsage = true;
		// A load run sends hundreds of thousands of requests: keeping them all would exhaust the heap.
		int recordLimit = 1000;
		try {
			for (int i = 0; i < args.length; i++) {
				String option = args[i];
				if (option.equals("-h") || option.equals("--help")) {
					System.out.print(USAGE);
					return;
				}
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("Missing value for " + option);
				}
				String value = args[++i];
				switch (option) {
					case "--host" -> host = value;
					case "--port" -> port = Integer.parseInt(value);
					case "--answer" -> answer = value;
					case "--token-delay-ms" -> tokenDelayMs = Long.parseLong(value);
					case "--latency-ms" -> latencyMs = Long.parseLong(value);
					case "--models" -> models = value.split(",");
					case "--embedding-dimensions" -> dimensions = Integer.parseInt(value);
					case "--report-usage" -> reportUsage = Boolean.parseBoolean(value);
					case "--record-limit" -> recordLimit = Integer.parseInt(value);
					default -> throw new IllegalArgumentException("Unknown option " + option);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return;
		}
		OpenAiStubServer server = new OpenAiStubServer(host, port).respondWith(answer)
			.tokenDelay(Duration.ofMillis(tokenDelayMs))
			.latency(Duration.ofMillis(latencyMs))
			.models(models)
			.embeddingDimensions(dimensions)
			.reportUsage(reportUsage)
			.recordLimit(recordLimit)
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		System.out.println("openai-stub listening on " + server.baseUrl() + " (OpenAI base URL "
				+ server.openAiBaseUrl() + ")");
		new CountDownLatch(1).await();
	}
}
