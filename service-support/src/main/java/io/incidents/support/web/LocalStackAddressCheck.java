package io.incidents.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The {@code stack} profile (./stack up) carries public default logins ({@code oncall}/{@code oncall},
 * {@code admin}/{@code admin}) and the integration key {@code local-dev-key}: a service runs it
 * only when it listens on a loopback address, never on every interface or a network one.
 */
@AutoConfiguration
@Profile("stack")
public class LocalStackAddressCheck {

    LocalStackAddressCheck(Environment environment) {
        check(environment.getProperty("server.address"));
    }

    static void check(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalStateException("The stack profile's logins and keys are public defaults, so it runs only on a"
                    + " loopback address, and server.address is not set (every interface). Set server.address=127.0.0.1,"
                    + " or run without the stack profile and with your own identity provider.");
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalStateException("The stack profile's logins and keys are public defaults, so it runs only on a"
                    + " loopback address, not on server.address=" + address + ". Set server.address=127.0.0.1, or run without"
                    + " the stack profile and with your own identity provider.");
        }
    }
}
