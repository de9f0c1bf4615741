package io.incidents.testsupport;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Access tokens as an OpenID Connect provider would issue them, signed with the test key pair
 * whose public half the test profile trusts ({@code public-key-location}).
 */
public final class TestJwts {

    private static final NimbusJwtEncoder ENCODER = encoder();

    private TestJwts() {
    }

    /** A token for {@code user} whose {@code roles} claim lists {@code roles}, valid for {@code lifetime} from now. */
    public static String issue(String user, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("https://idp.test")
                .subject("subject-of-" + user)
                .claim("preferred_username", user)
                .claim("roles", roles)
                .issuedAt(now.minus(Duration.ofMinutes(10)))
                .expiresAt(now.plus(lifetime))
                .build();
        return ENCODER.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
    }

    public static String issue(String user, String... roles) {
        return issue(user, List.of(roles), Duration.ofMinutes(5));
    }

    private static NimbusJwtEncoder encoder() {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pem("test-jwt-private.pem")));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(pem("test-jwt-public.pem")));
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
            return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the test JWT keys", e);
        }
    }

    private static byte[] pem(String resource) throws IOException {
        try (InputStream in = TestJwts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
        }
    }
}
