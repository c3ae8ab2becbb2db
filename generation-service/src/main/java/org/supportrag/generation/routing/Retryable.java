package org.supportrag.generation.routing;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/** Which provider failures are worth another attempt: timeouts, I/O, 408, 409, 429 and 5xx; never other 4xx. */
final class Retryable {

    private Retryable() {
    }

    static boolean test(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OpenAIServiceException service) {
                return retryableStatus(service.statusCode());
            }
            if (cause instanceof WebClientResponseException response) {
                return retryableStatus(response.getStatusCode().value());
            }
            if (cause instanceof RestClientResponseException response) {
                return retryableStatus(response.getStatusCode().value());
            }
            if (cause instanceof TimeoutException || cause instanceof IOException
                    || cause instanceof OpenAIIoException || cause instanceof OpenAIRetryableException) {
                return true;
            }
        }
        return false;
    }

    static boolean retryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }
}
