package io.incidents.timelineservice.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incidents.events.EventJson;
import io.incidents.timelineservice.sla.IncidentSla;

/** The stored JSON form of views and SLA states: map keys sorted, so equal values give equal bytes. */
public final class IncidentViewJson {

    private static final ObjectMapper MAPPER = EventJson.newMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private IncidentViewJson() {
    }

    public static String write(Object view) {
        try {
            return MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("incident view cannot be written", e);
        }
    }

    public static IncidentSla readSla(String json) {
        try {
            return MAPPER.readValue(json, IncidentSla.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored SLA state cannot be read", e);
        }
    }

    public static IncidentView read(String json) {
        try {
            return MAPPER.readValue(json, IncidentView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored incident view cannot be read", e);
        }
    }
}
