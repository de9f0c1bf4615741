package io.incidents.localauth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;

/**
 * The local stack's OpenID Connect provider, so {@code ./stack up} needs no identity provider
 * from outside. Its logins and client secrets are public defaults: it must never run anywhere
 * else, and there is no profile that would make it fit to.
 */
@SpringBootApplication
@EnableConfigurationProperties({LocalAuthProperties.class, RolesClaimProperties.class})
public class LocalAuthApplication {

    private static final Logger log = LoggerFactory.getLogger(LocalAuthApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(LocalAuthApplication.class, args);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnLocalOnly(ApplicationReadyEvent ready) {
        LocalAuthProperties properties = ready.getApplicationContext().getBean(LocalAuthProperties.class);
        log.warn("local-auth is for the local stack only: its logins and client secrets are public defaults."
                + " Never expose it or use it as a real identity provider. Issuer {}", properties.issuer());
    }
}
