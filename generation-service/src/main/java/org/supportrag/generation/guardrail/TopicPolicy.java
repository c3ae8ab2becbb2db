package org.supportrag.generation.guardrail;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Phrase rules on a normalised text: abuse, off-topic requests and a tenant's banned topics (requests for a person
 * are the handover intent's, see {@link PersonRequests}). Tenant terms match as whole words or phrases, case-insensitively.
 */
final class TopicPolicy {

    // Abuse aimed at people, threats and slurs; plain swearing about a problem is not abuse.
    private static final Pattern ABUSE = Pattern.compile(
            "\\b(fuck|screw) (you|off)\\b|\\byou('re| are)( such)? (an? )?(stupid|idiot|moron|useless|dumb|worthless)"
                    + "\\b|\\b(i('ll| will| am going to| gonna) (kill|hurt|find|destroy) you)\\b"
                    + "|\\b(bitch|cunt|asshole|motherfucker|retard|faggot|nigger)\\b");
    private static final Pattern OFF_TOPIC = Pattern.compile(
            "\\b(write|compose|generate|create|make)\\b.{0,25}\\b(poem|song|lyrics|story|essay|haiku|limerick|"
                    + "novel|rap|code|script|program|homework)\\b|\\btell me a (joke|story)\\b"
                    + "|\\b(who (will|should) (win|i vote for)|your (political )?opinion (on|about))\\b"
                    + "|\\b(solve|do) my (homework|assignment|exam)\\b");

    private TopicPolicy() {
    }

    static boolean abusive(String normalized) {
        return ABUSE.matcher(normalized).find();
    }

    static boolean offTopic(String normalized, List<String> tenantTerms) {
        return OFF_TOPIC.matcher(normalized).find() || firstTerm(normalized, tenantTerms) != null;
    }

    /** The first of {@code terms} the normalised text mentions, or null. */
    static @Nullable String firstTerm(String normalized, List<String> terms) {
        for (String term : terms) {
            String needle = InjectionDetector.normalize(term).strip();
            if (needle.isEmpty()) {
                continue;
            }
            int from = 0;
            while (true) {
                int at = normalized.indexOf(needle, from);
                if (at < 0) {
                    break;
                }
                int end = at + needle.length();
                boolean startsWord = at == 0 || !Character.isLetterOrDigit(normalized.charAt(at - 1));
                // "gamble" also matches "gambles" and "gambling": allow a short suffix.
                int suffix = end;
                while (suffix < normalized.length() && suffix - end < 4
                        && Character.isLetter(normalized.charAt(suffix))) {
                    suffix++;
                }
                boolean endsWord = suffix == normalized.length() || !Character.isLetterOrDigit(normalized.charAt(suffix));
                if (startsWord && endsWord) {
                    return term.toLowerCase(Locale.ROOT);
                }
                from = at + 1;
            }
        }
        return null;
    }
}
