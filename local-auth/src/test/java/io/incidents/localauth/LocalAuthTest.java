package io.incidents.localauth;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The server as {@code ./stack up} runs it, on a random port, with its default users and clients;
 * every class with these same settings shares one running server. The issuer is a name the tests
 * never call: they check it is written into the tokens and the discovery document as configured.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "local-auth.issuer=" + LocalAuthTest.ISSUER)
public @interface LocalAuthTest {

    String ISSUER = "http://auth.stack.test:8084";
}
