package org.supportrag.ingestion.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.defaults.embedding.EmbeddingProperties;
import org.supportrag.defaults.embedding.OnnxEmbeddingModel;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.ingestion.chunking.Chunk;
import org.supportrag.ingestion.chunking.ChunkedDocument;
import org.supportrag.ingestion.chunking.ChunkingSettings;
import org.supportrag.ingestion.chunking.CodeChunker;
import org.supportrag.ingestion.chunking.ContractChunker;
import org.supportrag.ingestion.chunking.MarkdownChunker;
import org.supportrag.ingestion.chunking.PlainTextChunker;
import org.supportrag.ingestion.chunking.RowChunker;
import org.supportrag.ingestion.chunking.TicketChunker;
import org.supportrag.ingestion.document.DocumentIngestionService;
import org.supportrag.ingestion.document.DocumentKind;
import org.supportrag.ingestion.format.RowFiles;
import org.supportrag.ingestion.format.TicketExports;
import org.supportrag.ingestion.format.UnreadableFileException;

/**
 * {@code bin/bench.d/20-embedding-throughput}: embedding throughput of the ingestion pipeline (chunk each document,
 * embed its chunks through the service's {@link TextEmbedder} in batches, build the index request) against the raw
 * ONNX model embedding the very same texts in batches of the same size, alternating in one run on one model
 * instance. Prints one JSON object per line: per-kind chunk counts of the corpus, each round, and the summary.
 *
 * <p>Arguments: corpus folder (default {@code demo-kb}), rounds (default 3).
 */
public final class EmbeddingThroughputBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EmbeddingThroughputBenchmark() {
    }

    record Document(String name, DocumentKind kind, String text) {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args.length > 0 ? args[0] : "demo-kb");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Document> documents = read(corpus);
        ChunkingSettings settings = ChunkingSettings.defaults();
        EmbeddingProperties properties = EmbeddingProperties.defaults();
        try (OnnxEmbeddingModel model = OnnxEmbeddingModel.load(properties)) {
            TokenCounter tokens = model.tokenCounter();
            TextEmbedder embedder = TextEmbedder.of(model, tokens, properties);
            // Chunk counts per kind, and the texts the raw model gets: exactly what the pipeline embeds.
            Map<String, int[]> perKind = new TreeMap<>();
            List<String> texts = new ArrayList<>();
            for (Document document : documents) {
                List<Chunk> chunks = chunk(document, tokens, settings).chunks();
                int[] counts = perKind.computeIfAbsent(document.kind().value(), kind -> new int[2]);
                counts[0]++;
                counts[1] += chunks.size();
                chunks.forEach(chunk -> texts.add(chunk.embeddingText()));
            }
            perKind.forEach((kind, counts) -> System.out.printf(Locale.ROOT,
                    "{\"benchmark\":\"embedding-throughput\",\"measure\":\"corpus\",\"corpus\":\"%s\",\"kind\":\"%s\","
                            + "\"documents\":%d,\"chunks\":%d}%n", corpus, kind, counts[0], counts[1]));
            // Warm-up: JIT and ONNX Runtime allocations.
            raw(model, texts.subList(0, Math.min(texts.size(), 64)), properties.batchSize());
            double[] rawRates = new double[rounds];
            double[] pipelineRates = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                // Alternating order per round, so machine load drifts hit both sides alike.
                if (round % 2 == 0) {
                    rawRates[round] = raw(model, texts, properties.batchSize());
                    pipelineRates[round] = pipeline(documents, embedder, tokens, settings);
                }
                else {
                    pipelineRates[round] = pipeline(documents, embedder, tokens, settings);
                    rawRates[round] = raw(model, texts, properties.batchSize());
                }
                System.out.printf(Locale.ROOT, "{\"benchmark\":\"embedding-throughput\",\"measure\":\"round\",\"round\":%d,"
                        + "\"texts\":%d,\"raw_texts_per_s\":%.2f,\"pipeline_texts_per_s\":%.2f,\"ratio\":%.3f}%n", round + 1,
                        texts.size(), rawRates[round], pipelineRates[round], pipelineRates[round] / rawRates[round]);
            }
            double raw = median(rawRates);
            double pipeline = median(pipelineRates);
            System.out.printf(Locale.ROOT, "{\"benchmark\":\"embedding-throughput\",\"measure\":\"summary\",\"texts\":%d,"
                    + "\"documents\":%d,\"batch_size\":%d,\"rounds\":%d,\"raw_texts_per_s\":%.2f,\"pipeline_texts_per_s\":%.2f,"
                    + "\"ratio\":%.3f,\"goal\":0.9}%n", texts.size(), documents.size(), properties.batchSize(), rounds, raw,
                    pipeline, pipeline / raw);
        }
    }

    /** The raw model on every text, in batches of the configured size. */
    private static double raw(OnnxEmbeddingModel model, List<String> texts, int batchSize) {
        long start = System.nanoTime();
        int vectors = 0;
        for (int from = 0; from < texts.size(); from += batchSize) {
            vectors += model.embed(texts.subList(from, Math.min(texts.size(), from + batchSize))).size();
        }
        return vectors / seconds(start);
    }

    /** What the ingestion service does per document between reading it and calling the index. */
    private static double pipeline(List<Document> documents, TextEmbedder embedder, TokenCounter tokens,
            ChunkingSettings settings) {
        long start = System.nanoTime();
        int vectors = 0;
        for (Document document : documents) {
            List<Chunk> chunks = chunk(document, tokens, settings).chunks();
            List<float[]> embedded = embedder.embedDocuments(chunks.stream().map(Chunk::embeddingText).toList());
            List<IndexChunk> request = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                Chunk chunk = chunks.get(i);
                request.add(new IndexChunk(i, chunk.text(), chunk.sectionPath(), chunk.tokenCount(), embedded.get(i)));
            }
            vectors += request.size();
        }
        return vectors / seconds(start);
    }

    private static ChunkedDocument chunk(Document document, TokenCounter tokens, ChunkingSettings settings) {
        try {
            return chunkReadable(document, tokens, settings);
        }
        catch (UnreadableFileException ex) {
            throw new IllegalArgumentException(document.name() + ": " + ex.getMessage(), ex);
        }
    }

    private static ChunkedDocument chunkReadable(Document document, TokenCounter tokens, ChunkingSettings settings)
            throws UnreadableFileException {
        return switch (document.kind()) {
            // As the service does: parse (and scrub) the ticket, then chunk it; rows without configured columns.
            case TICKET -> new TicketChunker(tokens, settings).chunk(TicketExports.readJson(document.text()).getFirst());
            case ROWS -> new RowChunker(tokens, settings).chunk(RowFiles.readCsv(document.text()), document.name(), null,
                    List.of());
            case MARKDOWN, HTML, EMAIL, DOCX, ODT, PPTX, XLSX -> new MarkdownChunker(tokens, settings).chunk(document.text(),
                    document.name());
            case CODE -> new CodeChunker(tokens, settings, CodeChunker.Language.of(document.name()).orElseThrow())
                .chunk(document.text(), document.name());
            case CONTRACT -> new ContractChunker(tokens, settings).chunk(document.text(), document.name());
            default -> new PlainTextChunker(tokens, settings).chunk(document.text(), document.name());
        };
    }

    /**
     * The corpus's files as the seed uploads them (README.md and QUESTIONS.md describe it and are skipped); a ticket
     * export becomes one document per ticket, as in the service. Rows only from CSV.
     */
    private static List<Document> read(Path corpus) throws IOException {
        List<Document> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = corpus.relativize(file).toString().replace('\\', '/');
                if (name.equals("README.md") || name.equals("QUESTIONS.md")) {
                    continue;
                }
                var kind = DocumentIngestionService.kindOf(name, null);
                boolean csv = name.toLowerCase(Locale.ROOT).endsWith(".csv");
                if (kind.isEmpty() || !List.of(DocumentKind.MARKDOWN, DocumentKind.TEXT, DocumentKind.CODE,
                        DocumentKind.CONTRACT, DocumentKind.TICKET, DocumentKind.ROWS).contains(kind.get())
                        || kind.get() == DocumentKind.TICKET && csv || kind.get() == DocumentKind.ROWS && !csv) {
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (kind.get() == DocumentKind.TICKET) {
                    JsonNode root = JSON.readTree(text);
                    for (JsonNode ticket : root.isArray() ? root : root.path("tickets")) {
                        documents.add(new Document(name + "#" + ticket.path("id").asString(), DocumentKind.TICKET,
                                JSON.writeValueAsString(ticket)));
                    }
                    continue;
                }
                documents.add(new Document(name, kind.get(), text));
            }
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("no text documents under " + corpus);
        }
        return documents;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
