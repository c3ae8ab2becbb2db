package org.supportrag.gateway.clientip;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressesTests {

    @Test
    void ignoresForwardedForWhenNoProxyIsTrusted() {
        ClientAddresses addresses = addresses();

        assertThat(addresses.clientIp(request("10.0.0.5", "203.0.113.9"))).isEqualTo("10.0.0.5");
    }

    @Test
    void ignoresForwardedForFromAPeerThatIsNotATrustedProxy() {
        ClientAddresses addresses = addresses("10.0.0.0/8");

        assertThat(addresses.clientIp(request("198.51.100.20", "203.0.113.9"))).isEqualTo("198.51.100.20");
    }

    @Test
    void takesTheNearestUntrustedHopBehindTrustedProxies() {
        ClientAddresses addresses = addresses("10.0.0.0/8", "192.168.1.1");

        // The client claimed 1.2.3.4 itself; our proxies appended 203.0.113.9 and 10.1.2.3.
        MockHttpServletRequest request = request("192.168.1.1", "1.2.3.4, 203.0.113.9", "10.1.2.3");

        assertThat(addresses.clientIp(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void fallsBackToTheLastTrustedHopWhenTheHeaderIsGarbled() {
        ClientAddresses addresses = addresses("10.0.0.0/8");

        assertThat(addresses.clientIp(request("10.0.0.5", "evil.example, 10.0.0.7"))).isEqualTo("10.0.0.7");
        assertThat(addresses.clientIp(request("10.0.0.5", ":::"))).isEqualTo("10.0.0.5");
        assertThat(addresses.clientIp(request("10.0.0.5", "300.1.2.3"))).isEqualTo("10.0.0.5");
        assertThat(addresses.clientIp(request("10.0.0.5"))).isEqualTo("10.0.0.5");
    }

    @Test
    void understandsIpv6Proxies() {
        ClientAddresses addresses = addresses("fd00::/8");

        assertThat(addresses.clientIp(request("fd00::1", "2001:db8::7"))).isEqualTo("2001:db8::7");
    }

    @Test
    void rejectsATrustedProxyThatIsNotAnAddress() {
        assertThatIllegalArgumentException().isThrownBy(() -> addresses("proxy.internal"));
    }

    private static ClientAddresses addresses(String... trustedProxies) {
        return new ClientAddresses(List.of(trustedProxies));
    }

    private static MockHttpServletRequest request(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/chat");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader(ClientAddresses.FORWARDED_FOR, header);
        }
        return request;
    }
}
