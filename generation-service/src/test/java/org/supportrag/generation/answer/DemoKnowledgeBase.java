package org.supportrag.generation.answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.confidence.Terms;

/**
 * The demo knowledge base's help-center pages cut into sections (one chunk per {@code ##} section, under the page
 * title, as ingestion cuts them roughly) and a lexical search over them: enough to feed the answerer the chunks a
 * real search would, without a running retrieval service.
 */
final class DemoKnowledgeBase {

    private final List<SearchHit> sections = new ArrayList<>();

    DemoKnowledgeBase() {
        Path root = Path.of("../demo-kb/help-center");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("demo-kb/help-center not found from " + Path.of("").toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.sorted().toList()) {
                read(file, "help-center/" + file.getFileName());
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void read(Path file, String uri) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String title = lines.getFirst().replaceFirst("^#\\s*", "").strip();
        String heading = title;
        StringBuilder body = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("## ")) {
                add(title, heading, uri, body);
                heading = title + " > " + line.substring(3).strip();
                body.setLength(0);
            }
            body.append(line).append('\n');
        }
        add(title, heading, uri, body);
    }

    private void add(String title, String path, String uri, StringBuilder body) {
        if (!body.toString().isBlank()) {
            sections.add(new SearchHit(UUID.nameUUIDFromBytes((uri + path).getBytes()),
                    UUID.nameUUIDFromBytes(uri.getBytes()), title, uri, path, body.toString().strip(), 0, 0));
        }
    }

    /** The {@code k} sections sharing the most (IDF-weighted) content words with the question. */
    List<SearchHit> search(String question, int k) {
        List<String> terms = Terms.content(question);
        record Scored(SearchHit hit, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (SearchHit hit : sections) {
            Set<String> words = new HashSet<>(Terms.all(hit.sectionPath() + " " + hit.text()));
            scored.add(new Scored(hit, Terms.coverage(terms, words)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<SearchHit> top = new ArrayList<>();
        for (int i = 0; i < Math.min(k, scored.size()); i++) {
            SearchHit hit = scored.get(i).hit();
            top.add(new SearchHit(hit.chunkId(), hit.documentId(), hit.title(), hit.sourceUri(), hit.sectionPath(),
                    hit.text(), scored.get(i).score(), i + 1));
        }
        return top;
    }

    /**
     * What retrieval says of the question's words (stop words left out): whether any section contains the word's
     * stem, as {@code SearchResponse.queryTerms} does for the whole knowledge base.
     */
    List<QueryTerm> queryTerms(String question) {
        Set<String> vocabulary = new HashSet<>();
        for (SearchHit hit : sections) {
            vocabulary.addAll(Terms.all(hit.title() + " " + hit.sectionPath() + " " + hit.text()));
        }
        List<QueryTerm> terms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        java.util.regex.Matcher word = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+").matcher(question);
        while (word.find()) {
            String lower = word.group().toLowerCase(java.util.Locale.ROOT);
            if (!Terms.isStopWord(lower) && seen.add(word.group())) {
                terms.add(new QueryTerm(word.group(), vocabulary.contains(Terms.stem(lower))));
            }
        }
        return terms;
    }
}
