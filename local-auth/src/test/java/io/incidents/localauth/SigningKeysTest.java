package io.incidents.localauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartWritesAKeyOnlyItsOwnerCanReadAndLaterStartsReadTheSameKey() throws Exception {
        Path file = dir.resolve("auth/signing-key.json");

        RSAKey created = SigningKeys.loadOrCreate(file);
        RSAKey reloaded = SigningKeys.loadOrCreate(file);

        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(reloaded.getKeyID()).isEqualTo(created.getKeyID());
        assertThat(reloaded.toRSAPrivateKey()).isEqualTo(created.toRSAPrivateKey());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void aGeneratedKeySignsWithRs256AndHasAnId() {
        RSAKey key = SigningKeys.generate();

        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(key.size()).isGreaterThanOrEqualTo(2048);
        assertThat(key.getKeyID()).isNotBlank();
        assertThat(SigningKeys.generate().getKeyID()).isNotEqualTo(key.getKeyID());
    }

    @Test
    void aFileThatIsNotAPrivateKeyStopsTheStartWithoutQuotingIt() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"kty\":\"RSA\",\"secret-looking\":");
        Path publicOnly = Files.writeString(dir.resolve("public.json"), SigningKeys.generate().toPublicJWK().toJSONString());

        assertThatThrownBy(() -> SigningKeys.loadOrCreate(broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageNotContaining("secret-looking")
                .hasNoCause();
        assertThatThrownBy(() -> SigningKeys.loadOrCreate(publicOnly))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not hold an RSA private key");
    }
}
