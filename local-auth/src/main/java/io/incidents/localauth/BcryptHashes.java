package io.incidents.localauth;

import java.util.regex.Pattern;

/** Refuses configured secrets that are not BCrypt hashes, so a plain password never ends up in config by mistake. */
final class BcryptHashes {

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");

    private BcryptHashes() {
    }

    /** The hash, checked; the message names the setting and the owner, never the value. */
    static String require(String hash, String setting, String owner) {
        if (hash == null || !BCRYPT.matcher(hash).matches()) {
            throw new IllegalStateException(setting + " of '" + owner + "' is not a BCrypt hash ($2a$10$...)");
        }
        return hash;
    }
}
