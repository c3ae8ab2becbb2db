package org.supportrag.ragctl;

import java.util.Objects;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.AnswerDatasetException;
import org.supportrag.eval.answers.AnswerDatasetReader;
import org.supportrag.eval.answers.AnswerMetrics;
import org.supportrag.eval.answers.CaseResult;
import org.supportrag.eval.answers.CaseScorer;
import org.supportrag.eval.answers.ResultsFile;

@Command(name = "answers", mixinStandardHelpOptions = true,
        description = { "Evaluates answers on an answer-level dataset (JSONL, one case per line: id, type, turns, "
                + "facts, sources, reference).",
                "Asks every case through the chat API as the widget does (a new conversation per case, its turns "
                        + "in order), scores the last answer of each case and prints the metrics: answer and "
                        + "citation correctness, unanswerable cases escalated or declined, false handovers, wrong "
                        + "escalations, dangling citations, offline faithfulness, escalation precision/recall, "
                        + "latency and cost." })
final class AnswersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET.jsonl", description = "The answer-level dataset.")
    Path dataset = Path.of(".");

    @Option(names = "--kb", paramLabel = "NAME",
            description = "Knowledge base to ask (default: the tenant's default; a case's knowledgeBase wins).")
    @Nullable String knowledgeBase;

    @Option(names = "--save", paramLabel = "RESULTS.jsonl",
            description = "Write one JSON object per case (for 'ragctl eval compare').")
    @Nullable Path save;

    @Option(names = "--json", description = "End with one line holding the metrics as a JSON object.")
    boolean json;

    @Option(names = "--widget-key", defaultValue = "demo-widget-key", paramLabel = "KEY",
            description = "Widget key the chat API is called with (default: ${DEFAULT-VALUE}).")
    String widgetKey = "demo-widget-key";

    @Option(names = "--limit", paramLabel = "N", description = "Ask only the first N cases.")
    @Nullable Integer limit;

    @Override
    public Integer call() {
        List<AnswerCase> cases;
        try {
            cases = new AnswerDatasetReader(GatewayClient.JSON).read(dataset);
        }
        catch (AnswerDatasetException ex) {
            throw new CliException(ex.getMessage());
        }
        catch (UncheckedIOException ex) {
            throw new CliException(
                    "cannot read " + dataset + ": " + Objects.requireNonNull(ex.getCause()).getMessage());
        }
        if (limit != null) {
            cases = cases.subList(0, Math.min(Math.max(limit, 0), cases.size()));
        }
        CaseRunner runner = new CaseRunner(GatewayOptions.of(spec).client(), widgetKey, knowledgeBase);
        ResultsFile resultsFile = new ResultsFile(GatewayClient.JSON);
        List<CaseResult> results = new ArrayList<>();
        PrintStream err = System.err;
        try (BufferedWriter writer = save == null ? null : Files.newBufferedWriter(save, StandardCharsets.UTF_8)) {
            for (int i = 0; i < cases.size(); i++) {
                AnswerCase testCase = cases.get(i);
                CaseResult result = CaseScorer.score(testCase, runner.run(testCase));
                results.add(result);
                if (writer != null) {
                    writer.write(resultsFile.toLine(result));
                    writer.newLine();
                    writer.flush();
                }
                err.printf(Locale.ROOT, "[%d/%d] %s %s%s%n", i + 1, cases.size(), testCase.id(), verdict(result),
                        result.error() == null ? "" : " (" + result.error() + ")");
            }
        }
        catch (IOException ex) {
            throw new CliException("cannot write " + save + ": " + ex.getMessage());
        }
        AnswerMetrics metrics = AnswerMetrics.of(name(dataset), results);
        print(System.out, metrics);
        if (json) {
            System.out.println(GatewayClient.JSON.writeValueAsString(summary(metrics)));
        }
        return 0;
    }

    /** interfaces.md's keys, then the extras without the curve (too long for one line to read). */
    static Map<String, Object> summary(AnswerMetrics metrics) {
        Map<String, Object> map = metrics.toMap();
        map.remove("escalation_curve");
        return map;
    }

    private static String verdict(CaseResult result) {
        return switch (result.type()) {
            case ANSWERABLE, MULTITURN -> (Boolean.TRUE.equals(result.answerCorrect()) ? "correct" : "wrong")
                    + (result.citationCorrect() == null ? "" : Boolean.TRUE.equals(result.citationCorrect())
                            ? ", cited" : ", not cited")
                    + (result.escalated() ? ", escalated" : "");
            case UNANSWERABLE -> Boolean.TRUE.equals(result.unanswerableHandled())
                    ? result.escalated() ? "escalated" : "declined" : "answered";
            case NO_HANDOVER -> result.escalated() ? "escalated (false handover)" : "not escalated";
        };
    }

    static void print(PrintStream out, AnswerMetrics m) {
        out.printf(Locale.ROOT, "%s: %d cases%s%n", m.dataset(), m.cases(),
                m.errors() > 0 ? " (" + m.errors() + " failed)" : "");
        out.printf(Locale.ROOT, "  answer correct          %s%n", percent(m.answerCorrect()));
        out.printf(Locale.ROOT, "  citation correct        %s%n", percent(m.citationCorrect()));
        out.printf(Locale.ROOT, "  unanswerable escalated  %s (escalated or declined)%n",
                percent(m.unanswerableEscalated()));
        out.printf(Locale.ROOT, "  escalation precision    %s%n", percent(m.escalationPrecision()));
        out.printf(Locale.ROOT, "  false handovers         %d%n", m.falseHandovers());
        out.printf(Locale.ROOT, "  wrongly escalated       %d%n", m.wronglyEscalated());
        out.printf(Locale.ROOT, "  dangling citations      %d%n", m.danglingCitations());
        out.printf(Locale.ROOT, "  faithfulness (offline)  %s%n", percent(m.faithfulness()));
        out.printf(Locale.ROOT, "  latency p50 / p95       %.0f / %.0f ms%n", m.p50Ms(), m.p95Ms());
        out.printf(Locale.ROOT, "  cost                    $%.6f%n", m.costUsd());
    }

    private static String percent(@Nullable Double rate) {
        return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    }
}
