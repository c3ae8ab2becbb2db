package org.supportrag.generation.model;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoDelayTlsSocketsTests {

    final NoDelayTlsSockets sockets;

    NoDelayTlsSocketsTests() throws Exception {
        sockets = new NoDelayTlsSockets(SSLContext.getDefault().getSocketFactory());
    }

    @Test
    void turnsOffNaglesAlgorithmOnTheConnectionItLayersTlsOver() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(plain.getTcpNoDelay()).as("a new socket has Nagle on").isFalse();
            try (Socket tls = sockets.createSocket(plain, "localhost", server.getLocalPort(), true)) {
                assertThat(tls).isInstanceOf(SSLSocket.class);
                assertThat(plain.getTcpNoDelay()).isTrue();
                assertThat(tls.getTcpNoDelay()).isTrue();
            }
        }
    }

    @Test
    void turnsOffNaglesAlgorithmOnTheSocketsItConnectsItself() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket tls = sockets.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(tls).isInstanceOf(SSLSocket.class);
            assertThat(tls.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void offersTheDelegatesCipherSuites() throws Exception {
        assertThat(sockets.getDefaultCipherSuites())
            .containsExactly(SSLContext.getDefault().getSocketFactory().getDefaultCipherSuites());
    }

    @Test
    void theOpenAiClientStillTalksTlsAndStillChecksCertificates(@TempDir Path dir) throws Exception {
        // A provider over HTTPS with a certificate of its own, trusted only through javax.net.ssl.trustStore.
        Path keystore = dir.resolve("provider.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "provider", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true)
            .start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer provider = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        provider.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = """
                    {"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
                    "message":{"role":"assistant","content":"Hello over TLS"},"finish_reason":"stop"}],
                    "usage":{"prompt_tokens":1,"completion_tokens":3,"total_tokens":4}}"""
                .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
        String previousStore = System.getProperty("javax.net.ssl.trustStore");
        String previousPassword = System.getProperty("javax.net.ssl.trustStorePassword");
        try {
            String baseUrl = "https://localhost:" + provider.getAddress().getPort() + "/v1";
            // Default trust: the provider's own certificate is refused.
            assertThatThrownBy(() -> model(baseUrl).call("hi")).hasStackTraceContaining("PKIX");
            System.setProperty("javax.net.ssl.trustStore", keystore.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
            assertThat(model(baseUrl).call("hi")).isEqualTo("Hello over TLS");
        }
        finally {
            restore("javax.net.ssl.trustStore", previousStore);
            restore("javax.net.ssl.trustStorePassword", previousPassword);
            provider.stop(0);
        }
    }

    private static OpenAiChatModel model(String baseUrl) {
        return OpenAiChatModel.builder()
            .options(OpenAiChatOptions.builder().baseUrl(baseUrl).apiKey("sk-test").model("m").maxRetries(0).build())
            .observationRegistry(ObservationRegistry.NOOP)
            .httpClientBuilderCustomizer(NoDelayTlsSockets::apply)
            .build();
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        }
        else {
            System.setProperty(property, previous);
        }
    }
}
