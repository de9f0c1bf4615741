package io.incidents.support.security;

import io.incidents.support.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicLoginsTest {

    /** BCrypt of "responder-secret". */
    private static final String HASH = "$2a$10$A.yHsdFp2XUmpAXNuJwgcefu38XztjDoERwA03fWUwwKzbDagMdaW";

    private final FailureThrottleTest.MutableClock clock = new FailureThrottleTest.MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final List<String> audited = new ArrayList<>();
    private final AuditLog audit = new AuditLog(null, clock) {
        @Override
        public void record(String actor, String action, String target, String detail, String address) {
            audited.add(action + " " + actor + " " + address);
        }
    };
    private final IdentityProperties properties = new IdentityProperties("roles",
            List.of(new IdentityProperties.User("alice", HASH, "RESPONDER"), new IdentityProperties.User("bob", HASH, "viewer")),
            List.of(), List.of(), Duration.ofMinutes(1), 3, 5, Duration.ofMinutes(1), null);
    private final BasicLogins logins = new BasicLogins(properties, new LoginThrottle(properties, clock, audit));

    @Test
    void aGoodLoginGetsItsRoleAndTheRolesItIncludes() {
        Authentication alice = logins.authenticate(login("alice", "responder-secret", "10.0.0.1"));

        assertThat(alice.getName()).isEqualTo("alice");
        assertThat(alice.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_RESPONDER", "ROLE_VIEWER");
        assertThat(alice.getCredentials()).as("the password is not kept").isNull();
    }

    @Test
    void aRepeatedLoginIsAnsweredFromMemoryWithoutHashingAgain() {
        Authentication first = logins.authenticate(login("alice", "responder-secret", "10.0.0.1"));

        Authentication second = logins.authenticate(login("alice", "responder-secret", "10.0.0.2"));

        assertThat(second).isSameAs(first);
        assertThatThrownBy(() -> logins.authenticate(login("alice", "responder-secreT", "10.0.0.1")))
                .as("a remembered login does not open the door to another password").isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aBurstOfParallelRequestsWithTheSameGoodLoginIsOneCheckNotOneAttemptEach() throws Exception {
        int parallel = 16; // alice may fail 3 times: counted per request, 13 of these would get 429
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Authentication>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return logins.authenticate(login("alice", "responder-secret", "10.0.0.1"));
                }));
            }
            start.countDown();
            Authentication first = answers.get(0).get(30, TimeUnit.SECONDS);
            for (Future<Authentication> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).as("one check answered them all").isSameAs(first);
            }
            assertThat(audited).as("nobody was throttled").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefusedAndAudited() {
        assertThatThrownBy(() -> logins.authenticate(login("alice", "guess", "10.0.0.1"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> logins.authenticate(login("carol", "responder-secret", "10.0.0.1")))
                .isInstanceOf(BadCredentialsException.class);

        assertThat(audited).containsExactly("LOGIN_FAILED alice 10.0.0.1", "LOGIN_FAILED carol 10.0.0.1");
    }

    @Test
    void aUserIsThrottledAfterItsFailuresEvenWithTheRightPasswordUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            String address = "10.0.1." + i;
            assertThatThrownBy(() -> logins.authenticate(login("alice", "guess", address))).isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> logins.authenticate(login("alice", "responder-secret", "10.0.2.1")))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(logins.authenticate(login("bob", "responder-secret", "10.0.2.1")).getName()).isEqualTo("bob");
        clock.advance(Duration.ofMinutes(1));
        assertThat(logins.authenticate(login("alice", "responder-secret", "10.0.2.1")).getName()).isEqualTo("alice");
    }

    @Test
    void anAddressGuessingManyUserNamesIsThrottled() {
        for (int i = 0; i < 5; i++) {
            String user = "user" + i;
            assertThatThrownBy(() -> logins.authenticate(login(user, "guess", "10.0.3.1"))).isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> logins.authenticate(login("alice", "responder-secret", "10.0.3.1")))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(logins.authenticate(login("alice", "responder-secret", "10.0.3.2")).getName()).isEqualTo("alice");
        assertThat(audited).contains("LOGIN_THROTTLED alice 10.0.3.1");
    }

    @Test
    void aUserWithoutARoleOrWithAPlainPasswordStopsTheStart() {
        IdentityProperties noRole = new IdentityProperties("roles", List.of(new IdentityProperties.User("dave", HASH, null)),
                List.of(), List.of(), Duration.ofMinutes(1), 3, 5, Duration.ofMinutes(1), null);
        IdentityProperties plain = new IdentityProperties("roles", List.of(new IdentityProperties.User("dave", "secret", "VIEWER")),
                List.of(), List.of(), Duration.ofMinutes(1), 3, 5, Duration.ofMinutes(1), null);

        assertThatThrownBy(() -> new BasicLogins(noRole, new LoginThrottle(noRole, clock, audit)))
                .hasMessageContaining("'dave' needs a role");
        assertThatThrownBy(() -> new BasicLogins(plain, new LoginThrottle(plain, clock, audit)))
                .hasMessageContaining("is not a BCrypt hash").hasMessageNotContaining("secret'");
    }

    private static UsernamePasswordAuthenticationToken login(String user, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }
}
