package org.supportrag.ingestion.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.supportrag.ingestion.IngestionProperties;

/**
 * Fetches public web pages for URL imports without becoming an SSRF proxy: only http and https, every address a
 * host name resolves to is checked before connecting (the connection uses exactly the checked addresses, so a DNS
 * answer cannot change in between), redirects are followed by hand and each target checked again, and size and
 * time are bounded. Loopback addresses are refused unless {@code rag.ingestion.url-import.allow-loopback} is set;
 * private, link-local (cloud metadata), multicast, unspecified and reserved ones unless
 * {@code rag.ingestion.url-import.allow-private-networks} is.
 */
@Component
public class UrlFetcher implements AutoCloseable {

    /** A fetched page. */
    public record Page(URI finalUrl, byte[] content, @Nullable String contentType) {
    }

    /** Why a URL was not fetched; the message is client-safe. {@code retryable}: worth another try later. */
    public static final class FetchException extends Exception {

        /** Never null: every constructor takes the message. */
        @Override
        public String getMessage() {
            return java.util.Objects.requireNonNull(super.getMessage());
        }

        private final boolean retryable;

        public FetchException(String message, boolean retryable) {
            super(message, null, false, false);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /** Thrown from inside the DNS hook; a subclass so the client passes it through unchanged. */
    static final class BlockedAddressException extends UnknownHostException {

        /** Never null: every constructor takes the message. */
        @Override
        public String getMessage() {
            return java.util.Objects.requireNonNull(super.getMessage());
        }

        BlockedAddressException(String message) {
            super(message);
        }
    }

    private final IngestionProperties.UrlImport settings;
    private final CloseableHttpClient client;

    public UrlFetcher(IngestionProperties properties) {
        this.settings = properties.urlImport();
        Timeout timeout = Timeout.of(settings.timeout());
        DnsResolver resolver = new CheckingResolver(settings.allowLoopback(), settings.allowPrivateNetworks());
        this.client = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(timeout)
                    .setSocketTimeout(timeout)
                    .build())
                .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .setUserAgent("SupportRAG-Ingestion/1.0")
            .build();
    }

    /** Checks the URL itself: scheme, host, and (for literal addresses) the address. */
    public static URI validate(String url) throws FetchException {
        URI uri;
        try {
            uri = new URI(url.strip());
        }
        catch (URISyntaxException ex) {
            throw new FetchException("invalid URL", false);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("only http and https URLs can be imported", false);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new FetchException("URL without a host", false);
        }
        if (uri.getUserInfo() != null) {
            throw new FetchException("URLs with credentials are not imported", false);
        }
        return uri;
    }

    public Page fetch(String url) throws FetchException {
        URI current = validate(url);
        Instant deadline = Instant.now().plus(settings.timeout());
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            HttpGet get = new HttpGet(current);
            get.setHeader("Accept", "text/html,application/xhtml+xml,text/plain,text/markdown,application/pdf;q=0.9,*/*;q=0.5");
            try {
                URI from = current;
                Object outcome = client.execute(get, response -> {
                    int status = response.getCode();
                    if (status >= 300 && status < 400) {
                        Header location = response.getFirstHeader("Location");
                        if (location == null) {
                            return new FetchException("redirect without a location", false);
                        }
                        try {
                            return validate(from.resolve(location.getValue().strip()).toString());
                        }
                        catch (FetchException | IllegalArgumentException ex) {
                            return ex instanceof FetchException fetch ? fetch
                                    : new FetchException("invalid redirect", false);
                        }
                    }
                    if (status >= 400) {
                        return new FetchException("HTTP " + status, status >= 500 || status == 429);
                    }
                    HttpEntity entity = response.getEntity();
                    if (entity == null) {
                        return new FetchException("empty response", false);
                    }
                    try (InputStream in = entity.getContent()) {
                        byte[] body = readLimited(in, settings.maxSize().toBytes(), deadline);
                        if (body == null) {
                            return new FetchException("page larger than " + org.supportrag.ingestion.document.DocumentIngestionService.human(settings.maxSize()), false);
                        }
                        return new Page(from, body, entity.getContentType());
                    }
                });
                if (outcome instanceof Page page) {
                    return page;
                }
                if (outcome instanceof FetchException failure) {
                    throw failure;
                }
                current = (URI) outcome;
            }
            catch (BlockedAddressException ex) {
                throw new FetchException(ex.getMessage(), false);
            }
            catch (UnknownHostException ex) {
                throw new FetchException("unknown host", true);
            }
            catch (DeadlineException ex) {
                throw new FetchException("took longer than " + settings.timeout(), true);
            }
            catch (IOException ex) {
                throw new FetchException(ex instanceof java.net.SocketTimeoutException
                        || ex instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException
                        ? "timed out" : "could not connect", true);
            }
        }
        throw new FetchException("too many redirects (at most " + settings.maxRedirects() + ")", false);
    }

    private static final class DeadlineException extends IOException {
        DeadlineException() {
            super("deadline", null);
        }
    }

    private static byte @Nullable [] readLimited(InputStream in, long max, Instant deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) > 0) {
            if (out.size() + read > max) {
                return null;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DeadlineException();
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** Addresses no import should reach: loopback, private, link-local, reserved; for every connection opened. */
    static boolean isForbidden(InetAddress address) {
        return isLoopback(address) || isPrivate(address);
    }

    static boolean isLoopback(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return true;
        }
        InetAddress mapped = mappedIpv4(address);
        return mapped != null && mapped.isLoopbackAddress();
    }

    private static @Nullable InetAddress mappedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return null;
            }
        }
        if ((bytes[10] & 0xff) != 0xff || (bytes[11] & 0xff) != 0xff) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
        }
        catch (UnknownHostException ex) {
            return null;
        }
    }

    static boolean isPrivate(InetAddress address) {
        InetAddress mapped = mappedIpv4(address);
        if (mapped != null) {
            return isPrivate(mapped);
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0/8, 100.64/10 (carrier NAT), 192.0.0/24, 198.18/15 (benchmarking), 240/4 (reserved), broadcast.
            return first == 0 || first == 100 && second >= 64 && second <= 127
                    || first == 192 && second == 0 && (bytes[2] & 0xff) == 0 || first == 198 && (second == 18 || second == 19)
                    || first >= 240;
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            // fc00::/7 unique local.
            return (first & 0xfe) == 0xfc;
        }
        return false;
    }

    static final class CheckingResolver implements DnsResolver {

        private final boolean allowLoopback;
        private final boolean allowPrivate;

        CheckingResolver(boolean allowLoopback, boolean allowPrivate) {
            this.allowLoopback = allowLoopback;
            this.allowPrivate = allowPrivate;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : addresses) {
                if (!allowLoopback && isLoopback(address)) {
                    throw new BlockedAddressException("refused: " + host + " resolves to a loopback address");
                }
                if (!allowPrivate && !isLoopback(address) && isPrivate(address)) {
                    throw new BlockedAddressException("refused: " + host
                            + " resolves to a private, link-local or reserved address");
                }
            }
            return addresses;
        }

        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            List<InetSocketAddress> result = new ArrayList<>();
            for (InetAddress address : resolve(host)) {
                result.add(new InetSocketAddress(address, port));
            }
            return result;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }

    @Override
    public void close() throws IOException {
        client.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
    }

}
