package io.incidents.support.security.apitokens;

import java.time.Instant;

/**
 * A service saw token {@link #tokenId} in use, last at {@link #usedAt}: the value of a record on
 * the usage topic (key = token id). incident-service keeps the latest per token as "last used".
 */
public record TokenUse(String tokenId, Instant usedAt, String service) {

    public static TokenUse fromJson(String json) {
        return TokenJson.read(json, TokenUse.class);
    }

    public String toJson() {
        return TokenJson.write(this);
    }
}
