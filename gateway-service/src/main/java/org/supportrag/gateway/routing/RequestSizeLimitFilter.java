package org.supportrag.gateway.routing;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import org.supportrag.defaults.problem.ProblemResponses;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.gateway.GatewayPaths;

/**
 * Caps request bodies on API routes: uploads get the upload limit, everything else (chat, feedback) a small one.
 * A declared Content-Length over the limit is refused before any byte is proxied; a chunked body is counted while it
 * streams and the proxy call fails once it overflows (see {@link ProxyErrors}).
 */
@RequiredArgsConstructor
final class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final RequestMatcher uploads = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(GatewayPaths.KNOWLEDGE_BASES),
            PathPatternRequestMatcher.pathPattern(GatewayPaths.EVAL_DATASETS));
    private final DataSize maxRequestSize;
    private final DataSize maxUploadSize;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        DataSize limit = uploads.matches(request) ? maxUploadSize : maxRequestSize;
        if (request.getContentLengthLong() > limit.toBytes()) {
            ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                    "Request too large", describe(limit), request.getRequestURI());
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit.toBytes()), response);
    }

    static String describe(DataSize limit) {
        return limit.toKilobytes() >= 1024 ? "The request body may be at most " + limit.toMegabytes() + " MB."
                : "The request body may be at most " + limit.toKilobytes() + " KB.";
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private @Nullable ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int value = delegate.read();
            if (value >= 0) {
                counted(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(int bytes) throws IOException {
            count += bytes;
            if (count > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
