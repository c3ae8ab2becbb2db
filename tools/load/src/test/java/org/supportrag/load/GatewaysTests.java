package org.supportrag.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GatewaysTests {

    @Test
    void virtualUsersAreSpreadOverTheGatewaysInTurn() {
        Gateways gateways = new Gateways(List.of("http://a", "http://b"), true);

        assertThat(List.of(gateways.assign(), gateways.assign(), gateways.assign()))
            .containsExactly("http://a", "http://b", "http://a");
    }

    @Test
    void aUserMovesToTheNextGatewayAfterAFailureAsBehindABalancer() {
        Gateways gateways = new Gateways(List.of("http://a", "http://b"), true);

        assertThat(gateways.next("http://a")).isEqualTo("http://b");
        assertThat(gateways.next("http://b")).isEqualTo("http://a");
        assertThat(gateways.severalWithFailover()).isTrue();
    }

    @Test
    void withoutFailoverAUserStaysOnItsGateway() {
        Gateways gateways = new Gateways(List.of("http://a", "http://b"), false);

        assertThat(gateways.next("http://a")).isEqualTo("http://a");
        assertThat(gateways.severalWithFailover()).isFalse();
    }

    @Test
    void oneGatewayHasNothingToFailOverTo() {
        assertThat(new Gateways(List.of("http://a"), true).severalWithFailover()).isFalse();
    }
}
