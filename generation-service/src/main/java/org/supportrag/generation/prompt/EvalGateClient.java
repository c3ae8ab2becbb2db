package org.supportrag.generation.prompt;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import org.supportrag.contracts.eval.v1.EvalApi;
import org.supportrag.contracts.eval.v1.PromptGateStatus;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.resilience.PeerClients;
import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.resilience.RemoteCalls;

/**
 * Asks eval-service (its contract, {@link EvalApi#PROMPT_GATE}) for the gate verdict of a prompt version. Called on
 * the request thread: the caller's internal token goes along, so eval answers for the caller's tenant. A read: guarded
 * as the idempotent remote call {@code eval-gate}.
 */
@Component
class EvalGateClient {

    private final RestClient rest;
    private final RemoteCall guard;

    EvalGateClient(RestClient.Builder builder, PromptGateProperties properties, RemoteCalls remoteCalls) {
        this.guard = remoteCalls.idempotent("eval-gate");
        this.rest = PeerClients.create(builder, properties.evalUrl(), properties.timeout(), properties.timeout());
    }

    /** The latest verdict; a 503 problem when eval-service cannot say (the label is not moved then). */
    PromptGateStatus status(String name, PromptScope scope, int version) {
        try {
            PromptGateStatus status = guard.call(() -> rest.get()
                .uri(uri -> uri.path(EvalApi.PROMPT_GATE).queryParam("scope", scope.value()).build(name, version))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(PromptGateStatus.class));
            if (status == null) {
                throw unavailable();
            }
            return status;
        }
        catch (RestClientException ex) {
            throw unavailable();
        }
    }

    private static ApiProblemException unavailable() {
        return new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.of("production-gate-unavailable"),
                "Gate verdict unavailable", "The eval service could not tell whether this version passed the "
                        + "regression gate; try again, or override with a reason.", java.util.Map.of());
    }
}
