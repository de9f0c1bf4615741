package io.incidents.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * HTTP Basic logins from configured users. BCrypt is deliberately slow (tens of milliseconds),
 * so a successful login is remembered for a short while, keyed by a keyed digest of the
 * credentials: a script or dashboard pays the hash once, not on every request. Failed logins are
 * throttled before any hash is computed.
 */
public class BasicLogins implements AuthenticationProvider {

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");

    private final Map<String, ConfiguredUser> users = new LinkedHashMap<>();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    /** Compared against when the user is unknown, so a wrong name costs the same time as a wrong password. */
    private final String decoyHash;
    private final Cache<String, Authentication> recent;
    private final SecretKeySpec digestKey;
    private final LoginThrottle throttle;

    private record ConfiguredUser(String passwordHash, Role role) {
    }

    public BasicLogins(IdentityProperties properties, LoginThrottle throttle) {
        for (IdentityProperties.User user : properties.users()) {
            if (user.username() == null || user.username().isBlank()) {
                throw new IllegalStateException("incidents.security.users: a user has no username");
            }
            if (user.passwordHash() == null || !BCRYPT.matcher(user.passwordHash()).matches()) {
                throw new IllegalStateException("incidents.security.users: the password hash of '" + user.username()
                        + "' is not a BCrypt hash ($2a$10$..., e.g. from: htpasswd -nbBC 10 user password)");
            }
            Role role = Role.parse(user.role()).orElseThrow(() -> new IllegalStateException("incidents.security.users: '"
                    + user.username() + "' needs a role: one of VIEWER, RESPONDER, ADMIN, METRICS"));
            users.put(user.username(), new ConfiguredUser(user.passwordHash(), role));
        }
        this.decoyHash = bcrypt.encode(UUID.randomUUID().toString());
        this.recent = Caffeine.newBuilder().expireAfterWrite(properties.loginCacheTtl()).maximumSize(10_000).build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.digestKey = new SecretKeySpec(key, "HmacSHA256");
        this.throttle = throttle;
    }

    public boolean hasUsers() {
        return !users.isEmpty();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String remembered = digest(username, password);
        Authentication known = recent.getIfPresent(remembered);
        if (known != null) {
            return known;
        }
        // Requests that bring the same credentials while none is remembered wait for one check:
        // a client's burst of parallel requests, as its entry expires, is one login attempt, not
        // one per request (the per-user throttle would refuse all beyond its fifth). A failed
        // check is not remembered, so each waiting wrong guess is then checked, and counted, alone.
        // (Caffeine computes under a lock of the key's hash bin: another login whose digest shares
        // the bin waits for that check too; rare, and never longer than one BCrypt.)
        return recent.get(remembered, key -> check(username, password, LoginThrottle.addressOf(authentication)));
    }

    private Authentication check(String username, String password, String address) {
        throttle.attempt(username, address);
        ConfiguredUser user = users.get(username);
        boolean matches = bcrypt.matches(password, user == null ? decoyHash : user.passwordHash());
        if (user == null || !matches) {
            throttle.failed(username, address, "basic");
            throw new BadCredentialsException("Wrong user name or password.");
        }
        throttle.succeeded(username, address);
        return UsernamePasswordAuthenticationToken.authenticated(username, null, user.role().authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String digest(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
