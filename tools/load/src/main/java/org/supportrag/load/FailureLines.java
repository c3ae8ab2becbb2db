package org.supportrag.load;

import java.util.Locale;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * For {@code failed-requests.log}: of Gatling's debug lines only those that say why a request or a stream failed
 * (its status, a refused connection, a crash or an early end), not the chatter about every event that matched.
 */
public final class FailureLines extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        String pattern = event.getMessage() == null ? "" : event.getMessage().toLowerCase(Locale.ROOT);
        return pattern.contains("fail") || pattern.contains("crash") || pattern.contains("end of stream")
                ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
