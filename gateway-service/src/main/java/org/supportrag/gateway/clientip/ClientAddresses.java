package org.supportrag.gateway.clientip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import org.supportrag.gateway.GatewayProperties;

/**
 * Finds the client IP that rate limits count and the audit log keeps. The socket peer, unless it is a configured trusted proxy: then
 * {@code X-Forwarded-For} is walked from the right (the entries our own proxies appended) to the first address that
 * is not a trusted proxy. Entries further left are whatever the client claimed and are never used.
 */
@Component
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    /** Literal addresses only: anything else could make the matcher resolve a host name. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<IpAddressMatcher> trustedProxies;

    @Autowired
    ClientAddresses(GatewayProperties properties) {
        this(properties.trustedProxies());
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(IpAddressMatcher::new).toList();
    }

    public String clientIp(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusted(peer)) {
            return peer;
        }
        String nearest = peer;
        for (String hop : forwardedFor(request)) {
            if (!isLiteralAddress(hop)) {
                // A garbled entry: the last trusted proxy is the best we know.
                return nearest;
            }
            if (!trusted(hop)) {
                return hop;
            }
            nearest = hop;
        }
        return nearest;
    }

    private boolean trusted(String address) {
        if (trustedProxies.isEmpty() || !isLiteralAddress(address)) {
            return false;
        }
        return trustedProxies.stream().anyMatch(matcher -> matcher.matches(address));
    }

    /** All X-Forwarded-For entries, nearest hop first. */
    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        Collections.reverse(hops);
        return hops;
    }

    static boolean isLiteralAddress(String address) {
        if (IPV4.matcher(address).matches()) {
            return Arrays.stream(address.split("\\.")).mapToInt(Integer::parseInt).allMatch(octet -> octet <= 255);
        }
        if (!IPV6.matcher(address).matches()) {
            return false;
        }
        try {
            // With a colon in it, this parses an IPv6 literal and never asks DNS.
            InetAddress.getByName(address);
            return true;
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }
}
