package org.supportrag.gateway.localissuer;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import org.supportrag.defaults.security.Roles;

/** The demo tenant's console users. Their password comes from RAG_DEMO_PASSWORD; never from the repository. */
final class DemoUsers {

    static final String TENANT = "demo";

    record DemoUser(String username, String name, List<String> roles) {
    }

    static final Map<String, DemoUser> USERS = Map.of(
            "agent@demo.local", new DemoUser("agent@demo.local", "Demo Agent", List.of(Roles.AGENT)),
            "admin@demo.local", new DemoUser("admin@demo.local", "Demo Admin", List.of(Roles.ADMIN, Roles.AGENT, Roles.OPS)));

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private DemoUsers() {
    }

    static Optional<DemoUser> find(String username) {
        return Optional.ofNullable(USERS.get(username));
    }

    /** Without a configured password the users get a random one nobody knows: sign-in is simply impossible. */
    static UserDetailsService userDetailsService(String password) {
        String effective = password;
        if (password.isBlank()) {
            log.warn("RAG_DEMO_PASSWORD is not set: the demo console users cannot sign in");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            effective = Base64.getEncoder().encodeToString(random);
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String hash = encoder.encode(effective);
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        USERS.values()
            .forEach(user -> users.createUser(User.withUsername(user.username())
                .password(hash)
                .passwordEncoder(value -> value)
                .roles(user.roles().toArray(String[]::new))
                .build()));
        return users;
    }
}
