package io.incidents.notificationservice.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.EventJson;

/** The stored JSON form of {@link IncidentState} (column {@code incident_state.state}). */
public final class IncidentStateJson {

    private static final ObjectMapper MAPPER = EventJson.newMapper();

    private IncidentStateJson() {
    }

    public static String write(IncidentState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("incident state cannot be written", e);
        }
    }

    public static IncidentState read(String json) {
        try {
            return MAPPER.readValue(json, IncidentState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored incident state cannot be read", e);
        }
    }
}
