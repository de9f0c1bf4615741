package io.incidents.localauth;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class SerializedAuthorizationsTest {

    private static final RegisteredClient DASHBOARD = RegisteredClient.withId("dashboard")
            .clientId(DashboardLogin.CLIENT_ID)
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri(DashboardLogin.REDIRECT_URI)
            .build();

    /**
     * What 50 dashboard logins at once do: each saves a started authorization and looks it up by its
     * state. Spring's bare in-memory service iterates its started authorizations while others are
     * added, and threw ConcurrentModificationException under the benchmark.
     */
    @Test
    void concurrentLoginsEachFindTheirOwnAuthorization() throws Exception {
        OAuth2AuthorizationService authorizations = SerializedAuthorizations.inMemory();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int worker = 0; worker < 8; worker++) {
                int id = worker;
                workers.add(pool.submit(() -> startAndFindLogins(authorizations, id, 2_000)));
            }
            for (Future<Integer> worker : workers) {
                assertThat(worker.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int startAndFindLogins(OAuth2AuthorizationService authorizations, int worker, int count) {
        int found = 0;
        for (int i = 0; i < count; i++) {
            String state = "state-" + worker + "-" + i;
            OAuth2Authorization started = OAuth2Authorization.withRegisteredClient(DASHBOARD)
                    .id("authorization-" + worker + "-" + i)
                    .principalName("support")
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .attribute(OAuth2ParameterNames.STATE, state)
                    .build();
            authorizations.save(started);
            OAuth2Authorization byState = authorizations.findByToken(state, new OAuth2TokenType(OAuth2ParameterNames.STATE));
            if (byState != null && byState.getId().equals(started.getId())) {
                found++;
            }
            authorizations.remove(started);
        }
        return found;
    }
}
