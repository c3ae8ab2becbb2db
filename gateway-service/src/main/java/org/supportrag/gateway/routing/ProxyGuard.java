package org.supportrag.gateway.routing;

import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.resilience.RemoteCallRefusedException;
import org.supportrag.defaults.resilience.RemoteCalls;

/**
 * The shared remote-call guard around each route's proxy call ({@code proxy-<backend>}, configuration
 * {@value #CONFIGURATION}): a backend that keeps failing to answer (refused, reset, timed out) opens its breaker and
 * further requests get a 503 problem at once instead of each waiting for the timeout. An answer, 5xx included, is
 * no failure here: the backend is up, and one tenant's failing requests must not shut the route for all. Never
 * retried: the gateway cannot tell whether a request reached the backend, and clients retry on 503.
 */
final class ProxyGuard {

    static final String CONFIGURATION = "proxy";

    private ProxyGuard() {
    }

    static HandlerFilterFunction<ServerResponse, ServerResponse> of(String backend, RemoteCalls remoteCalls) {
        RemoteCall guard = remoteCalls.notRetried("proxy-" + backend, CONFIGURATION);
        return (request, next) -> {
            try {
                return guard.call(() -> {
                    try {
                        return next.handle(request);
                    }
                    catch (ErrorResponseException ex) {
                        // The route's onError (always innermost) has already turned I/O failures into problems.
                        throw ProxyErrors.backendFailedToAnswer(ex) ? new FailedToAnswer(ex) : ex;
                    }
                    catch (RuntimeException ex) {
                        throw ex;
                    }
                    catch (Exception ex) {
                        throw new Checked(ex);
                    }
                });
            }
            catch (RemoteCallRefusedException ex) {
                throw ProxyErrors.refused(backend, ex);
            }
            catch (FailedToAnswer ex) {
                throw ex.problem;
            }
            catch (Checked ex) {
                throw ex.checked;
            }
        };
    }

    /** The backend did not answer: a failure for the breaker, the problem for the client. */
    private static final class FailedToAnswer extends RuntimeException {

        private final ErrorResponseException problem;

        FailedToAnswer(ErrorResponseException problem) {
            super(problem.getMessage(), problem, false, false);
            this.problem = problem;
        }
    }

    /** A checked exception of the proxy call, carried through the guard and rethrown as it was. */
    private static final class Checked extends RuntimeException {

        private final Exception checked;

        Checked(Exception cause) {
            super(cause);
            this.checked = cause;
        }
    }
}
