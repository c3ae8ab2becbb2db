package org.supportrag.defaults.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTypesTests {

    @Test
    void givesEveryCommonStatusAStableType() {
        assertThat(ProblemTypes.forStatus(HttpStatus.BAD_REQUEST)).hasToString("urn:supportrag:problem:bad-request");
        assertThat(ProblemTypes.forStatus(HttpStatus.PAYLOAD_TOO_LARGE))
            .hasToString("urn:supportrag:problem:payload-too-large");
        assertThat(ProblemTypes.forStatus(HttpStatus.TOO_MANY_REQUESTS)).isEqualTo(ProblemTypes.RATE_LIMITED);
        assertThat(ProblemTypes.forStatus(HttpStatus.BAD_GATEWAY)).isEqualTo(ProblemTypes.UPSTREAM_UNAVAILABLE);
        assertThat(ProblemTypes.forStatus(HttpStatus.INTERNAL_SERVER_ERROR)).isEqualTo(ProblemTypes.INTERNAL);
    }

    @Test
    void carriesTheTypeTitleAndDetailOfAnApiProblem() {
        ApiProblemException problem = ApiProblemException.notFound("conversation-not-found", "Conversation not found",
                "No conversation 42.");
        assertThat(problem.getStatusCode().value()).isEqualTo(404);
        assertThat(problem.getBody().getType()).hasToString("urn:supportrag:problem:conversation-not-found");
        assertThat(problem.getBody().getTitle()).isEqualTo("Conversation not found");
        assertThat(problem.getBody().getDetail()).isEqualTo("No conversation 42.");
    }
}
