package io.incidents.localauth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The stack restarts the server with the same key file: tokens it issued before still verify. */
@ExtendWith(OutputCaptureExtension.class)
class KeyFileRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aTokenFromBeforeARestartVerifiesAgainstTheKeysServedAfterIt(CapturedOutput output) {
        Path keyFile = dataDir.resolve("auth/signing-key.json");

        String token;
        try (ConfigurableApplicationContext first = start(keyFile)) {
            AuthHttp http = new AuthHttp(portOf(first));
            HttpResponse<String> response = http.postForm("/oauth2/token", AuthHttp.form("grant_type", "client_credentials"),
                    "Authorization", AuthHttp.basic("stack-script", "stack-script-secret"));
            token = AuthHttp.json(response).path("access_token").asText();
        }
        assertThat(keyFile).exists();

        try (ConfigurableApplicationContext second = start(keyFile)) {
            Jwt verified = new AuthHttp(portOf(second)).verify(token);
            assertThat(verified.getClaimAsStringList("roles")).containsExactly("RESPONDER");
        }
        assertThat(output).contains("local-auth is for the local stack only").doesNotContain("stack-script-secret");
    }

    private static ConfigurableApplicationContext start(Path keyFile) {
        // Arguments, not default properties: application.yml's own key-file setting would win over those.
        return new SpringApplicationBuilder(LocalAuthApplication.class)
                .run("--server.port=0", "--local-auth.key-file=" + keyFile);
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
