package org.supportrag.generation.routing;

import java.util.ArrayList;
import java.util.List;

import org.supportrag.generation.answer.AnswerStream;

/**
 * The customer's stream across the links of a chain: records everything sent (the stored answer equals it), when
 * the first token left, and puts a short bridge before an answer that follows an interrupted one.
 */
final class ChainStream implements AnswerStream {

    private final AnswerStream target;
    private final StringBuilder text = new StringBuilder();
    private long firstTokenNanos = -1;
    private boolean bridgePending;
    private boolean interrupted;

    ChainStream(AnswerStream target, long startedNanos) {
        this.target = target;
    }

    @Override
    public void token(String piece) {
        if (bridgePending) {
            bridgePending = false;
            emit(ModelChain.REPEAT_BRIDGE);
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
        bridgePending = true;
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
