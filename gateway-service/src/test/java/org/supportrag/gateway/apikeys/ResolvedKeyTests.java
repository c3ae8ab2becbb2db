package org.supportrag.gateway.apikeys;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResolvedKeyTests {

    private final ResolvedKey.Widget widget = new ResolvedKey.Widget("demo", "abcdef012345",
            Set.of("https://help.parcelly.example", "http://localhost:8080"));

    @Test
    void allowsTheListedOriginsAsBrowsersSendThem() {
        assertThat(widget.allowsOrigin("https://help.parcelly.example")).isTrue();
        assertThat(widget.allowsOrigin("HTTPS://Help.Parcelly.Example/")).isTrue();
        assertThat(widget.allowsOrigin("http://localhost:8080")).isTrue();
    }

    @Test
    void refusesAnyOtherOrigin() {
        assertThat(widget.allowsOrigin("http://help.parcelly.example")).isFalse();
        assertThat(widget.allowsOrigin("https://help.parcelly.example.evil.test")).isFalse();
        assertThat(widget.allowsOrigin("http://localhost:8081")).isFalse();
        assertThat(widget.allowsOrigin("null")).isFalse();
    }

    @Test
    void aSubdomainWildcardMatchesEverySubdomainOfItsDomainOnItsSchemeAndPortButNotTheDomainItself() {
        ResolvedKey.Widget wildcard = new ResolvedKey.Widget("acme", "abcdef012345",
                Set.of("https://*.acme.example", "http://*.acme.test:8080"));

        assertThat(wildcard.allowsOrigin("https://shop.acme.example")).isTrue();
        assertThat(wildcard.allowsOrigin("https://eu.shop.acme.example")).isTrue();
        assertThat(wildcard.allowsOrigin("http://a.acme.test:8080")).isTrue();
        assertThat(wildcard.allowsOrigin("https://acme.example")).isFalse();
        assertThat(wildcard.allowsOrigin("http://shop.acme.example")).isFalse();
        assertThat(wildcard.allowsOrigin("https://evilacme.example")).isFalse();
        assertThat(wildcard.allowsOrigin("https://shop.acme.example.evil.test")).isFalse();
        assertThat(wildcard.allowsOrigin("http://a.acme.test:8081")).isFalse();
        assertThat(wildcard.allowsOrigin("https://x@y.acme.example")).isFalse();
    }

    @Test
    void hashesKeysAsLowerCaseSha256Hex() {
        assertThat(KeyHashes.sha256Hex("demo-widget-key")).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(KeyHashes.fingerprint(KeyHashes.sha256Hex("demo-widget-key"))).hasSize(12);
    }
}
