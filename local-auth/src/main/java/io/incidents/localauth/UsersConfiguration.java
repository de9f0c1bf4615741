package io.incidents.localauth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The logins of the form, from {@code local-auth.users}: each with a BCrypt hash and exactly one role. */
@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

    /** Checks user passwords and client secrets alike: both are configured as BCrypt hashes. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService users(LocalAuthProperties properties) {
        return new InMemoryUserDetailsManager(toUserDetails(properties.users()));
    }

    static List<UserDetails> toUserDetails(List<LocalAuthProperties.User> users) {
        Set<String> seen = new HashSet<>();
        return users.stream().map(user -> {
            if (user.username() == null || user.username().isBlank()) {
                throw new IllegalStateException("local-auth.users: a user has no username");
            }
            if (!seen.add(user.username())) {
                throw new IllegalStateException("local-auth.users: '" + user.username() + "' is configured twice");
            }
            if (user.role() == null) {
                throw new IllegalStateException("local-auth.users: '" + user.username() + "' has no role");
            }
            String hash = BcryptHashes.require(user.passwordHash(), "local-auth.users: the password hash", user.username());
            // The role travels as the authority ROLE_<name>; RoleClaims turns it back into the token's role.
            return User.withUsername(user.username()).password(hash).roles(user.role().name()).build();
        }).toList();
    }
}
