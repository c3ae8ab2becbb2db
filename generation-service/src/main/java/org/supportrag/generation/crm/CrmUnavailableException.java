package org.supportrag.generation.crm;

/** The CRM failed, timed out or its circuit breaker is open; the answer goes on without CRM data. */
final class CrmUnavailableException extends RuntimeException {

    CrmUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
