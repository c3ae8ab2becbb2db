package org.supportrag.generation.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.defaults.embedding.Vectors;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.confidence.AnswerType;
import org.supportrag.generation.confidence.Answerability;
import org.supportrag.generation.confidence.Calibration;
import org.supportrag.generation.confidence.Glossary;
import org.supportrag.generation.confidence.Terms;
import org.supportrag.generation.texts.CustomerTexts;

/**
 * Answers without an LLM by quoting the retrieved sentences closest in meaning to the question, each cited. Works
 * fully offline with the in-process embedding model; when nothing is close enough it says so instead of guessing.
 */
public final class ExtractiveAnswerer implements Answerer {

    public static final String MODEL = "offline-extractive";

    /** The decline in English (see {@code messages/answers*.properties}). */
    // Share of a follow-up's own words in sentence relevance; the rest is its standalone form.
    static final double OWN_WORDS_WEIGHT = 0.6;
    static final String NOT_COVERED = notCovered(Locale.ENGLISH);

    private static final Pattern WORD = Pattern.compile("\\S+\\s*");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.+?)\\s*#*\\s*$");
    /** Share of the shorter sentence's words found in the longer one from which two sentences say the same thing. */
    static final double NEAR_DUPLICATE = 0.8;
    private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
    private static final Pattern TERMINAL = Pattern.compile("([.!?:;]+)([\"')\\]]*)$");
    /** Documentation outranks a past ticket saying the same: ticket sentences score this much lower. */
    static final double TICKET_PENALTY = 0.1;
    private static final Pattern SPEAKER = Pattern.compile("^(Customer|Question|Subject|Outcome|Agent|Resolution)\\s*:\\s*",
            Pattern.MULTILINE);
    private static final Pattern GREETING = Pattern.compile(
            "^(?:(?:Hi|Hello|Hey|Dear|Hallo|Guten Tag)\\b[^.!?\\n]*[.!?,]\\s*)?(?:(?:Thanks|Thank you|Sorry|Danke)\\b[^.!?\\n]*[.!?]\\s*)?",
            Pattern.CASE_INSENSITIVE);

    /** Answers quote at most this many characters, however many passages qualify. */
    static final int MAX_ANSWER_CHARS = 1200;

    private final TextEmbedder embedder;
    private final TokenCounter tokens;
    private final GenerationProperties.Extractive settings;
    private final @Nullable Answerability answerability;
    private final double declineBelow;
    private final @Nullable PassagePrefetch prefetch;

    public ExtractiveAnswerer(TextEmbedder embedder, TokenCounter tokens, GenerationProperties.Extractive settings) {
        this(embedder, tokens, settings, null, 0);
    }

    public ExtractiveAnswerer(TextEmbedder embedder, TokenCounter tokens, GenerationProperties.Extractive settings,
            @Nullable Answerability answerability, double declineBelow) {
        this(embedder, tokens, settings, answerability, declineBelow, null);
    }

    /**
     * @param answerability when given, the answer is declined ("I don't know") when the calibrated probability that
     *                      the best answer found answers the question is below {@code declineBelow}
     * @param prefetch      embeds ahead the sentences of contexts that models answered ({@link #prefetch})
     */
    public ExtractiveAnswerer(TextEmbedder embedder, TokenCounter tokens, GenerationProperties.Extractive settings,
            @Nullable Answerability answerability, double declineBelow, @Nullable PassagePrefetch prefetch) {
        this.embedder = embedder;
        this.tokens = tokens;
        this.settings = settings;
        this.answerability = answerability;
        this.declineBelow = declineBelow;
        this.prefetch = prefetch;
    }

    /**
     * A model answered from this context: embed in the background the sentences this answerer would need, should it
     * have to stand in for the models on a later turn about the same sections. Returns at once.
     */
    public void prefetch(List<SearchHit> context) {
        if (prefetch == null) {
            return;
        }
        List<SearchHit> fresh = prefetch.unoffered(context);
        if (!fresh.isEmpty()) {
            prefetch.offer(candidates(fresh).stream().map(Candidate::embeddingText).toList());
        }
    }

    @Override
    public Answer answer(Question question, AnswerStream stream) {
        Draft draft = draft(question);
        String text;
        double confidence = draft.confidence();
        List<String> flags = new ArrayList<>();
        if (draft.text() == null || confidence < declineBelow) {
            text = notCovered(language(question.text()));
            flags.add(AnswerFlags.LOW_CONFIDENCE);
        }
        else {
            text = draft.text();
        }
        streamWords(text, stream);
        return new Answer(text, round(confidence), MODEL, draft.promptTokens(), tokens.count(text), 0, flags,
                Calibration.EXTRACTIVE);
    }

    /**
     * The best answer the retrieved chunks allow, before any decline: its text ({@code null} when no passage is close
     * enough at all) and the confidence that it answers the question.
     */
    public Draft draft(Question question) {
        List<Candidate> candidates = candidates(question.context());
        int promptTokens = tokens.count(question.text());
        // A German question is matched by its English gloss: the embedding model and term statistics are English.
        String asked = Glossary.english(question.standaloneText());
        List<Candidate> chosen = List.of();
        double best = 0;
        if (!candidates.isEmpty()) {
            // A follow-up's own words say what is asked ("and when do refunds arrive?"); its standalone form adds
            // what the conversation is about, so it informs the ranking without taking it over.
            String own = Glossary.english(question.text());
            boolean rewritten = !asked.equals(own);
            float[] query = embedder.embedQuery(own);
            float[] context = rewritten ? embedder.embedQuery(asked) : query;
            List<float[]> vectors = embedder.embedDocuments(candidates.stream().map(Candidate::embeddingText).toList());
            AnswerType type = AnswerType.of(own) != AnswerType.NONE ? AnswerType.of(own) : AnswerType.of(asked);
            List<String> questionTerms = Terms.content(own).isEmpty() ? Terms.content(asked) : Terms.content(own);
            List<Candidate> scored = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                Candidate candidate = candidates.get(i);
                double similarity = rewritten
                        ? OWN_WORDS_WEIGHT * Vectors.cosine(query, vectors.get(i))
                                + (1 - OWN_WORDS_WEIGHT) * Vectors.cosine(context, vectors.get(i))
                        : Vectors.cosine(query, vectors.get(i));
                double typed = type != AnswerType.NONE && type.foundIn(candidate.text()) ? 1 : 0;
                double lexical = Terms.coverage(questionTerms, Terms.all(candidate.embeddingText()));
                double blended = (1 - settings.rankWeight()) * similarity
                        + settings.rankWeight() / candidate.chunkNumber() + settings.typeWeight() * typed
                        + settings.lexicalWeight() * lexical - (candidate.ticket() ? TICKET_PENALTY : 0);
                scored.add(candidate.scored(similarity, blended));
                promptTokens += tokens.count(candidate.text());
            }
            best = scored.stream().mapToDouble(Candidate::similarity).max().orElse(0);
            chosen = choose(scored);
        }
        double topScore = question.context().isEmpty() ? 0 : clamp(question.context().getFirst().score());
        if (chosen.isEmpty()) {
            double confidence = 0.3 * clamp(best / settings.minSimilarity()) * Math.max(topScore, 0.5);
            return new Draft(null, answerability == null ? confidence : 0, promptTokens);
        }
        String text = compose(chosen);
        double confidence;
        if (answerability != null) {
            confidence = answerability.estimate(question.standaloneText(), question.context(), text,
                    question.queryTerms()).probability();
        }
        else {
            double closeness = clamp((best - settings.minSimilarity()) / (1 - settings.minSimilarity()));
            confidence = 0.4 + 0.6 * (0.6 * closeness + 0.4 * topScore);
        }
        return new Draft(text, confidence, promptTokens);
    }

    /**
     * The answer the chunks allow.
     *
     * @param text the cited answer, {@code null} when nothing came close
     * @param confidence the probability that it answers the question
     * @param promptTokens tokens read to write it
     */
    public record Draft(@Nullable String text, double confidence, int promptTokens) {
    }

    /** The decline in the customer's language (English unless the question reads as German). */
    static String notCovered(Locale locale) {
        return ResourceBundle.getBundle("messages.answers", locale, ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString("answer.not-covered");
    }

    static Locale language(String question) {
        return CustomerTexts.localeOf(question);
    }

    /** Streams {@code text} word by word (each word with the whitespace after it). */
    static void streamWords(String text, AnswerStream stream) {
        Matcher words = WORD.matcher(text);
        while (words.find() && !stream.cancelled()) {
            stream.token(words.group());
        }
    }

    private List<Candidate> candidates(List<SearchHit> context) {
        List<Candidate> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int chunk = 0; chunk < context.size(); chunk++) {
            SearchHit hit = context.get(chunk);
            String path = hit.sectionPath() != null && !hit.sectionPath().isBlank() ? hit.sectionPath() : hit.title();
            int position = 0;
            boolean ticket = isTicket(hit);
            for (Block block : blocks(ticket ? resolution(hit.text()) : hit.text())) {
                // A sentence alone loses what its section is about ("within 45 days" of what?): embed it under
                // its headings (and a list item under its lead-in), quote it without them.
                String heading = block.heading() == null || path.endsWith(block.heading()) ? path
                        : path + " > " + block.heading();
                for (Passages.Passage passage : Passages.split(block.text())) {
                    String sentence = passage.text();
                    if (sentence.endsWith("?")) {
                        // FAQ pages are full of questions; quoting one back never answers anything.
                        continue;
                    }
                    // The same sentence often appears in several chunks (overlap): keep its best-ranked copy.
                    if (seen.add(sentence.toLowerCase(Locale.ROOT))) {
                        String about = passage.lead().isEmpty() ? heading : heading + ": " + passage.lead();
                        candidates.add(new Candidate(sentence, about + ": " + sentence, chunk + 1, position, 0, 0,
                                ticket));
                    }
                    position++;
                    if (candidates.size() >= settings.maxCandidates()) {
                        return candidates;
                    }
                }
            }
        }
        return candidates;
    }

    /** A past ticket (ingested as {@code tickets/<file>#<id>}). */
    static boolean isTicket(SearchHit hit) {
        return hit.sourceUri() != null && hit.sourceUri().startsWith("tickets/")
                || hit.sectionPath() != null && hit.sectionPath().startsWith("Ticket ");
    }

    /**
     * What the agent said and did in a ticket chunk, without the customer's own words (never answer text: they are
     * another customer's situation) or the greeting.
     */
    static String resolution(String ticketText) {
        StringBuilder kept = new StringBuilder();
        boolean agent = false;
        for (String paragraph : ticketText.split("\\n\\s*\\n")) {
            Matcher speaker = SPEAKER.matcher(paragraph.strip());
            if (speaker.lookingAt()) {
                String who = speaker.group(1);
                agent = who.equals("Agent") || who.equals("Resolution");
                if (agent) {
                    String said = paragraph.strip().substring(speaker.end());
                    kept.append(GREETING.matcher(said).replaceFirst("")).append("\n\n");
                }
            }
            else if (agent) {
                kept.append(paragraph.strip()).append("\n\n");
            }
        }
        return kept.toString().strip();
    }

    record Block(@Nullable String heading, String text) {
    }

    /** Splits chunk text at Markdown heading lines, so headings label sentences instead of being quoted. */
    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        @Nullable String heading = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\\R")) {
            Matcher match = HEADING.matcher(line);
            if (match.matches()) {
                if (!body.toString().isBlank()) {
                    blocks.add(new Block(heading, body.toString().strip()));
                }
                heading = match.group(1).strip();
                body.setLength(0);
            }
            else {
                body.append(line).append('\n');
            }
        }
        if (!body.toString().isBlank()) {
            blocks.add(new Block(heading, body.toString().strip()));
        }
        return blocks;
    }

    private List<Candidate> choose(List<Candidate> scored) {
        List<Candidate> ranked = scored.stream()
            .filter(candidate -> candidate.similarity() >= settings.minSimilarity())
            .sorted(Comparator.comparingDouble(Candidate::blended).reversed())
            .toList();
        if (ranked.isEmpty()) {
            return List.of();
        }
        double floor = ranked.getFirst().blended() - settings.margin();
        // Documentation outranks a past ticket: among the passages close enough to the best, documentation is taken
        // first, and a ticket passage stating what chosen documentation already states is left out.
        List<Candidate> eligible = new ArrayList<>(ranked.stream().filter(c -> c.blended() >= floor).toList());
        eligible.sort(Comparator.comparing(Candidate::ticket));
        List<Candidate> chosen = new ArrayList<>();
        int chars = 0;
        for (Candidate candidate : eligible) {
            if (chosen.size() >= settings.maxSentences()) {
                break;
            }
            // Help centers repeat themselves across pages: never say the same thing twice.
            boolean repeats = chosen.stream().anyMatch(other -> repeats(other.text(), candidate.text())
                    || candidate.ticket() && !other.ticket() && sameFacts(other.text(), candidate.text()));
            if (!repeats && (chosen.isEmpty() || chars + candidate.text().length() <= MAX_ANSWER_CHARS)) {
                chosen.add(candidate);
                chars += candidate.text().length();
            }
        }
        // Read in document order: earlier chunks first, then the source's own sentence order.
        chosen.sort(Comparator.comparingInt(Candidate::chunkNumber).thenComparingInt(Candidate::position));
        return chosen;
    }

    private static String compose(List<Candidate> chosen) {
        StringBuilder answer = new StringBuilder();
        for (Candidate candidate : chosen) {
            if (answer.length() > 0) {
                answer.append(' ');
            }
            answer.append(cite(candidate.text(), candidate.chunkNumber()));
        }
        return answer.toString();
    }

    /** {@code "Refunds take 5 days."} becomes {@code "Refunds take 5 days [1]."}. */
    static String cite(String sentence, int chunkNumber) {
        String marker = " [" + chunkNumber + "]";
        Matcher terminal = TERMINAL.matcher(sentence);
        if (terminal.find()) {
            // A list item's or lead-in's ':' or ';' ends the quote as a full stop.
            String end = terminal.group(1).matches("[:;]+") ? "." : terminal.group(1);
            return sentence.substring(0, terminal.start()) + marker + end + terminal.group(2);
        }
        return sentence + marker + ".";
    }

    /** Whether every number {@code ticket} states (at least one) is in {@code documentation} too. */
    static boolean sameFacts(String documentation, String ticket) {
        Set<String> numbers = new HashSet<>();
        Matcher number = NUMBER.matcher(ticket);
        while (number.find()) {
            numbers.add(number.group());
        }
        Set<String> stated = new HashSet<>();
        Matcher documented = NUMBER.matcher(documentation);
        while (documented.find()) {
            stated.add(documented.group());
        }
        return !numbers.isEmpty() && stated.containsAll(numbers);
    }

    static boolean repeats(String a, String b) {
        Set<String> left = words(a);
        Set<String> right = words(b);
        Set<String> shorter = left.size() <= right.size() ? left : right;
        Set<String> longer = shorter == left ? right : left;
        if (shorter.isEmpty()) {
            return true;
        }
        long shared = shorter.stream().filter(longer::contains).count();
        return shared >= NEAR_DUPLICATE * shorter.size();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher matcher = WORDS.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    private static double round(double value) {
        return Math.round(clamp(value) * 1000) / 1000.0;
    }

    /**
     * A quotable sentence.
     *
     * @param embeddingText the sentence under its section heading, which is what gets compared with the question
     * @param chunkNumber 1-based position of its chunk in the retrieval results: the citation number
     * @param position index of the sentence within its chunk
     */
    private record Candidate(String text, String embeddingText, int chunkNumber, int position, double similarity,
            double blended, boolean ticket) {

        Candidate scored(double similarity, double blended) {
            return new Candidate(text, embeddingText, chunkNumber, position, similarity, blended, ticket);
        }
    }
}
