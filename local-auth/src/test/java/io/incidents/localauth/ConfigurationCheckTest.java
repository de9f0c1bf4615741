package io.incidents.localauth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mistakes in the users and clients are refused at start-up, with a message that names the entry, not the secret. */
class ConfigurationCheckTest {

    private static final String HASH = "$2a$10$80FWKb8qjynXMZ.zU2P7PeJvMKkYTBv9vjgWosBc69XVOh87ZY1r2";

    @Test
    void aPlainPasswordInsteadOfAHashIsRefused() {
        var user = new LocalAuthProperties.User("oncall", "hunter2", Role.RESPONDER);

        assertThatThrownBy(() -> UsersConfiguration.toUserDetails(List.of(user)))
                .hasMessageContaining("'oncall'")
                .hasMessageContaining("BCrypt")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aUserWithoutARoleOrTwiceIsRefused() {
        var noRole = new LocalAuthProperties.User("support", HASH, null);
        var oncall = new LocalAuthProperties.User("oncall", HASH, Role.RESPONDER);

        assertThatThrownBy(() -> UsersConfiguration.toUserDetails(List.of(noRole))).hasMessageContaining("'support' has no role");
        assertThatThrownBy(() -> UsersConfiguration.toUserDetails(List.of(oncall, oncall))).hasMessageContaining("'oncall' is configured twice");
    }

    @Test
    void aUsersRoleBecomesItsOnlyAuthority() {
        var user = new LocalAuthProperties.User("support", HASH, Role.VIEWER);

        assertThat(UsersConfiguration.toUserDetails(List.of(user)).get(0).getAuthorities())
                .extracting(Object::toString).containsExactly("ROLE_VIEWER");
    }

    @Test
    void aServiceClientNeedsAHashedSecretAndARole() {
        var plain = new LocalAuthProperties.ServiceClient("stack-script", "stack-script-secret", Role.RESPONDER);
        var noRole = new LocalAuthProperties.ServiceClient("prometheus", HASH, null);

        assertThatThrownBy(() -> ClientsConfiguration.serviceClient(plain))
                .hasMessageContaining("'stack-script'")
                .hasMessageNotContaining("stack-script-secret");
        assertThatThrownBy(() -> ClientsConfiguration.serviceClient(noRole)).hasMessageContaining("'prometheus' has no role");
        assertThat(ClientsConfiguration.roleOf(ClientsConfiguration.serviceClient(
                new LocalAuthProperties.ServiceClient("prometheus", HASH, Role.METRICS)))).contains(Role.METRICS);
    }

    @Test
    void theDashboardNeedsARedirectUriAndHasNoRoleOfItsOwn() {
        var none = new LocalAuthProperties.Dashboard("incidents-dashboard", List.of(), List.of());
        var dashboard = new LocalAuthProperties.Dashboard("incidents-dashboard", List.of("http://localhost:8082/"), List.of());

        assertThatThrownBy(() -> ClientsConfiguration.dashboard(none)).hasMessageContaining("redirect-uris");
        assertThat(ClientsConfiguration.roleOf(ClientsConfiguration.dashboard(dashboard))).isEmpty();
        assertThat(ClientsConfiguration.dashboard(dashboard).getClientSettings().isRequireProofKey()).isTrue();
    }
}
