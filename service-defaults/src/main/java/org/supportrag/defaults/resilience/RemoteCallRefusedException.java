package org.supportrag.defaults.resilience;

import org.springframework.web.client.RestClientException;

/**
 * A remote call not attempted: its circuit breaker is open or its bulkhead full. A {@link RestClientException},
 * so callers that already degrade on a failed call (offline answer, handover, no rerank) degrade on this too.
 */
public class RemoteCallRefusedException extends RestClientException {

    private final String call;

    RemoteCallRefusedException(String call, String reason, Throwable cause) {
        super("Remote call " + call + " not attempted: " + reason, cause);
        this.call = call;
    }

    /** The call's name, as in its metrics. */
    public String call() {
        return call;
    }
}
