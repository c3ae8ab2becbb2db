package org.supportrag.defaults.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponseWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class EventStreamsTests {

    @Test
    void anEventStreamsHeadersAreSentByTheThreadThatCommitsIt() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        EventStreams.commit(response);

        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getContentType()).isEqualTo("text/event-stream");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(response.getHeader("X-Accel-Buffering")).isEqualTo("no");
    }

    @Test
    void aClientGoneBeforeTheFirstEventDoesNotStopTheStreamsWork() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        HttpServletResponseWrapper gone = new HttpServletResponseWrapper(response) {
            @Override
            public void flushBuffer() throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        assertThatCode(() -> EventStreams.commit(gone)).doesNotThrowAnyException();
        assertThat(response.getContentType()).isEqualTo("text/event-stream");
    }
}
