package io.incidents.timelineservice.dashboard;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the fields of another service's JSON answer leniently: a field it left out is null, not an error. */
public final class JsonFields {

    private JsonFields() {
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) { // seconds since the epoch, as Jackson writes an Instant with timestamps on
            BigDecimal seconds = value.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The {@code items} of a {@code {"items": [...]}} answer, each read by {@code read}. */
    public static <T> List<T> items(JsonNode body, Function<JsonNode, T> read) {
        List<T> items = new ArrayList<>();
        if (body != null) {
            body.path("items").forEach(item -> items.add(read.apply(item)));
        }
        return items;
    }
}
