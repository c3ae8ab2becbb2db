package org.supportrag.eval.judge;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/** The judge's status and calibration, judging on request, and calibrating against agents' labels. */
@RestController
@RequestMapping("/api/v1/eval/judge")
@RequiredArgsConstructor
class JudgeController {

    private final JudgeService judge;
    private final JudgeProperties properties;

    record Status(boolean configured, @Nullable String model, List<String> promptVersions, int votes,
            double dailyBudgetUsd, double spentTodayUsd, JudgeService.Calibration calibration) {
    }

    record JudgeRequest(@Nullable UUID messageId, @NotBlank @Size(max = 8000) String question,
            @NotBlank @Size(max = 16000) String answer, @Nullable @Size(max = 16000) String reference,
            @Nullable @Size(max = 50) List<@Size(max = 8000) String> sources, @Nullable Integer votes) {
    }

    record Judgement(JudgeService.CorrectnessVerdict correctness,
            JudgeService.@Nullable FaithfulnessVerdict faithfulness, JudgeService.Calibration calibration) {
    }

    @GetMapping
    Status status(CallerIdentity caller) {
        require(caller, Roles.ADMIN, Roles.OPS);
        return new Status(judge.configured(), judge.configured() ? properties.model() : null,
                List.of(LlmJudge.CORRECTNESS_PROMPT, LlmJudge.FAITHFULNESS_PROMPT), properties.votes(),
                properties.dailyBudgetUsd(), judge.spentToday(caller.tenantId()), judge.calibration(caller.tenantId()));
    }

    /** Judges one answer: correctness (against the reference, else the sources) and, with sources, faithfulness. */
    @PostMapping("/evaluate")
    Judgement evaluate(@Valid @RequestBody JudgeRequest request, CallerIdentity caller) {
        require(caller, Roles.ADMIN, Roles.SERVICE);
        List<String> sources = request.sources() == null ? List.of() : request.sources();
        JudgeService.CorrectnessVerdict correctness = judge.correctness(caller.tenantId(), request.messageId(),
                request.question(), request.answer(), request.reference(), sources, request.votes());
        JudgeService.FaithfulnessVerdict faithfulness = sources.isEmpty() ? null
                : judge.faithfulness(caller.tenantId(), request.messageId(), request.answer(), sources,
                        request.votes());
        return new Judgement(correctness, faithfulness, judge.calibration(caller.tenantId()));
    }

    @PostMapping("/calibrate")
    JudgeService.Calibration calibrate(@RequestParam(defaultValue = "200") int limit, CallerIdentity caller) {
        require(caller, Roles.ADMIN);
        if (limit < 1 || limit > 1000) {
            throw ApiProblemException.badRequest("invalid-limit", "Invalid limit", "'limit' must be 1 to 1000.");
        }
        return judge.calibrate(caller.tenantId(), limit);
    }

    private static void require(CallerIdentity caller, String... roles) {
        for (String role : roles) {
            if (caller.hasRole(role)) {
                return;
            }
        }
        throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins may use the judge.");
    }
}
