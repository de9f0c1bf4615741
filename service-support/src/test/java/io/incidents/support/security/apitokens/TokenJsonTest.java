package io.incidents.support.security.apitokens;

import io.incidents.support.security.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The records other services and instances read: an accidental change to their JSON must fail here. */
class TokenJsonTest {

    @Test
    void tokenStateKeepsItsJson() throws IOException {
        TokenState state = new TokenState("6f1c2a9e-0b7d-4c1e-9a55-3f7e2d8b1c40", "ci deploy", Role.RESPONDER,
                "ba3ba375c4ef2eeca473dc7d676634b750ad2d479ed82bdf7d48b4e55dc48a31",
                Instant.parse("2027-01-31T00:00:00Z"), Instant.parse("2026-11-26T10:15:30.123Z"));

        assertThat(state.toJson()).isEqualTo(golden("token-state.json"));
        assertThat(TokenState.fromJson(golden("token-state.json"))).isEqualTo(state);
    }

    @Test
    void tokenUseKeepsItsJson() throws IOException {
        TokenUse use = new TokenUse("6f1c2a9e-0b7d-4c1e-9a55-3f7e2d8b1c40", Instant.parse("2026-11-26T10:15:30Z"),
                "timeline-service");

        assertThat(use.toJson()).isEqualTo(golden("token-use.json"));
        assertThat(TokenUse.fromJson(golden("token-use.json"))).isEqualTo(use);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = TokenJsonTest.class.getResourceAsStream("/apitokens/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
