package org.supportrag.generation.texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/** Admin API of the caller's tenant language; effective on the next turn. */
@RestController
class LanguageController {

    static final String PATH = "/api/v1/settings/language";

    private final TenantLanguages languages;

    LanguageController(TenantLanguages languages) {
        this.languages = languages;
    }

    /**
     * @param defaultLanguage {@code en} or {@code de}; required
     * @param answerInVisitorLanguage whether texts follow the visitor's language; null = true
     */
    record LanguageRequest(@Nullable String defaultLanguage, @Nullable Boolean answerInVisitorLanguage) {
    }

    /** @param supported the languages {@code defaultLanguage} may take */
    record LanguageView(String defaultLanguage, boolean answerInVisitorLanguage, List<String> supported) {

        static LanguageView of(TenantLanguages.Setting setting) {
            return new LanguageView(setting.defaultLanguage(), setting.answerInVisitorLanguage(),
                    TenantLanguages.SUPPORTED.stream().sorted().toList());
        }
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    LanguageView get(CallerIdentity caller) {
        requireAdmin(caller);
        return LanguageView.of(languages.of(caller.tenantId()));
    }

    @PutMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    LanguageView put(@RequestBody LanguageRequest request, CallerIdentity caller) {
        requireAdmin(caller);
        List<String> errors = new ArrayList<>();
        String language = request.defaultLanguage() == null ? null : request.defaultLanguage().strip().toLowerCase(
                java.util.Locale.ROOT);
        if (language == null || !TenantLanguages.SUPPORTED.contains(language)) {
            errors.add("defaultLanguage: must be one of " + TenantLanguages.SUPPORTED.stream().sorted().toList());
        }
        if (!errors.isEmpty() || language == null) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid language setting",
                    String.join("; ", errors), Map.of("errors", errors));
        }
        TenantLanguages.Setting setting = new TenantLanguages.Setting(language,
                !Boolean.FALSE.equals(request.answerInVisitorLanguage()));
        languages.save(caller.tenantId(), setting, caller.subject());
        return LanguageView.of(setting);
    }

    private static void requireAdmin(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only tenant admins manage the language.");
        }
    }
}
