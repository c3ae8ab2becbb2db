package org.supportrag.generation.model;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import lombok.RequiredArgsConstructor;
import org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient;

/**
 * TLS connections to an LLM provider with Nagle's algorithm off. OkHttp (the OpenAI client's transport) never turns it
 * off, and writes a request in 8 KB pieces: with a prompt of several pieces, the last one waits until the provider
 * has acknowledged the others, up to a round trip (or a 40 ms delayed ACK) before the model can start. Trust is the
 * JVM's default (cacerts or {@code javax.net.ssl.trustStore}), as without this factory.
 */
@RequiredArgsConstructor
final class NoDelayTlsSockets extends SSLSocketFactory {

    private final SSLSocketFactory delegate;

    /** Sets this factory, over the JVM's default trust, on an OpenAI client builder. */
    static void apply(SpringAiOpenAiHttpClient.Builder builder) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init((KeyStore) null);
            X509TrustManager manager = null;
            for (TrustManager candidate : trust.getTrustManagers()) {
                if (candidate instanceof X509TrustManager x509) {
                    manager = x509;
                    break;
                }
            }
            if (manager == null) {
                throw new IllegalStateException("The JVM has no default X.509 trust manager");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { manager }, null);
            builder.sslSocketFactory(new NoDelayTlsSockets(context.getSocketFactory())).trustManager(manager);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot set up TLS for the LLM client", ex);
        }
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        // The plain connection OkHttp opened: the TCP option lives on it, below the TLS layer.
        socket.setTcpNoDelay(true);
        return delegate.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = delegate.createSocket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
