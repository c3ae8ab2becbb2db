package org.supportrag.generation.routing;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.supportrag.generation.answer.AnswerStream;

/**
 * The customer's stream across the links of a chain: records everything sent (the stored answer equals it), when
 * the first token left, and puts a short bridge before an answer that follows an interrupted one.
 */
final class ChainStream implements AnswerStream {

    private final AnswerStream target;
    private final String bridge;
    private final StringBuilder text = new StringBuilder();
    private long firstTokenNanos = -1;
    private boolean bridgePending;
    private boolean interrupted;
    // While an attempt is held back for a check, its pieces wait here instead of reaching the customer.
    private @Nullable List<String> held;

    /** @param bridge what goes between an interrupted answer and the next, in the customer's language */
    ChainStream(AnswerStream target, String bridge) {
        this.target = target;
        this.bridge = "\n\n" + bridge + "\n\n";
    }

    @Override
    public void token(String piece) {
        if (held != null) {
            held.add(piece);
            return;
        }
        if (bridgePending) {
            bridgePending = false;
            emit(bridge);
        }
        emit(piece);
    }

    private void emit(String piece) {
        if (piece.isEmpty()) {
            return;
        }
        if (firstTokenNanos < 0) {
            firstTokenNanos = System.nanoTime();
        }
        text.append(piece);
        target.token(piece);
    }

    @Override
    public boolean cancelled() {
        return target.cancelled();
    }

    void beginAttempt() {
        // Nothing per attempt yet; kept as the hook where the next link starts.
    }

    /** The current link broke off after streaming part of its answer: whatever comes next is bridged. */
    void interruptedAttempt() {
        interrupted = true;
        if (held != null) {
            // Nothing of it reached the customer: no bridge needed.
            held.clear();
            return;
        }
        bridgePending = true;
    }

    /** Holds the next attempt's pieces back until {@link #release()} or {@link #discard()}. */
    void hold() {
        held = new ArrayList<>();
    }

    /** Sends the held pieces on and streams again. */
    void release() {
        List<String> pieces = held;
        held = null;
        if (pieces != null) {
            pieces.forEach(this::token);
        }
    }

    /** Drops the held attempt, unseen by the customer, and streams again. */
    void discard() {
        held = null;
    }

    boolean interrupted() {
        return interrupted;
    }

    /** Ends the stream with the hand-over message, after a paragraph break if part of an answer was sent. */
    void escalate(String message) {
        bridgePending = false;
        emit(text.isEmpty() ? message : "\n\n" + message);
    }

    String text() {
        return text.toString();
    }

    long firstTokenNanos() {
        return firstTokenNanos;
    }

    /** Holds an answer back until the chain decides to send it. */
    static final class Buffer implements AnswerStream {

        private final ChainStream stream;
        private final List<String> pieces = new ArrayList<>();

        Buffer(ChainStream stream) {
            this.stream = stream;
        }

        @Override
        public void token(String text) {
            pieces.add(text);
        }

        @Override
        public boolean cancelled() {
            return stream.cancelled();
        }

        void replay() {
            pieces.forEach(stream::token);
        }
    }
}
