package io.incidents.localauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/**
 * The RSA key that signs every token. Kept in a file (a JWK with its private part) so that tokens
 * issued before a restart still verify after it; the file is created on first use, readable by
 * its owner only.
 */
final class SigningKeys {

    private static final int KEY_SIZE = 2048;

    private SigningKeys() {
    }

    /** A key that lives as long as this process: every token becomes invalid when it stops. */
    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(KEY_SIZE)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }

    /** The key in {@code file}, made and written there first if the file does not exist. */
    static RSAKey loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return read(file);
        }
        RSAKey key = generate();
        write(file, key);
        return key;
    }

    private static RSAKey read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key file " + file, e);
        }
        try {
            if (JWK.parse(text) instanceof RSAKey key && key.isPrivate()) {
                return key;
            }
        } catch (ParseException e) {
            // The parser's message may quote the file: it is left out, the file holds a private key.
        }
        throw new IllegalStateException("the signing key file " + file + " does not hold an RSA private key (JWK);"
                + " delete it to have a new key made, which invalidates the tokens issued so far");
    }

    /** Written to a private temporary file, then moved into place: never a half-written key. */
    private static void write(Path file, RSAKey key) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".signing-key", ".tmp");
            try {
                restrictToOwner(temporary);
                Files.writeString(temporary, key.toJSONString());
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing key file " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
