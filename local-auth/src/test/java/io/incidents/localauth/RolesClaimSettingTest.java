package io.incidents.localauth;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The services read roles from the claim named by incidents.security.roles-claim; the tokens follow the same setting. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "incidents.security.roles-claim=groups")
class RolesClaimSettingTest {

    @LocalServerPort
    int port;

    @Test
    void theRolesGoUnderTheConfiguredClaim() {
        AuthHttp http = new AuthHttp(port);
        HttpResponse<String> response = http.postForm("/oauth2/token", AuthHttp.form("grant_type", "client_credentials"),
                "Authorization", AuthHttp.basic("prometheus", "prometheus-secret"));

        Jwt token = http.verify(AuthHttp.json(response).path("access_token").asText());

        assertThat(token.getClaimAsStringList("groups")).containsExactly("METRICS");
        assertThat(token.hasClaim("roles")).isFalse();
    }
}
