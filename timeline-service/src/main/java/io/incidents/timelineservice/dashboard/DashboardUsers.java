package io.incidents.timelineservice.dashboard;

import io.incidents.support.security.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.Set;

/**
 * Who logged in to the dashboard: the roles from the ID token's roles claim (the same claim and
 * values the APIs read from access tokens), named by {@code preferred_username} when the
 * provider sends one, else by {@code sub}. Someone with no known role gets no authority and so
 * sees nothing.
 */
final class DashboardUsers extends OidcUserService {

    private final String rolesClaim;

    DashboardUsers(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = super.loadUser(request);
        Set<GrantedAuthority> authorities = Role.authoritiesFromClaim(user.getClaims().get(rolesClaim));
        String nameClaim = user.getClaimAsString(StandardClaimNames.PREFERRED_USERNAME) != null
                ? StandardClaimNames.PREFERRED_USERNAME : StandardClaimNames.SUB;
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
    }
}
