package io.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code changes} event of the board's stream ({@code /ui/board/stream}), read: the data is
 * {@code {"ids":[...],"rows":"<tr id=\"row-ID\" ...>...</tr>..."}}, the incidents that changed in
 * one batch and the rows of those still on the board.
 *
 * @param ids     every incident the batch names, in the server's order
 * @param shownAs what the board shows of each named incident once the rows are swapped in: its
 *                row's status, or {@link BoardView#LEFT_THE_BOARD} for a named incident without a
 *                row (as in the page's script, a row the batch does not name is not swapped in)
 * @param rows    how many rows the event carried
 */
record BoardChanges(List<String> ids, Map<String, String> shownAs, int rows) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException when {@code data} is not such JSON */
    static BoardChanges parse(String data) {
        JsonNode event;
        try {
            event = JSON.readTree(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + Http.abbreviate(data), e);
        }
        JsonNode ids = event == null ? null : event.get("ids");
        JsonNode rows = event == null ? null : event.get("rows");
        if (ids == null || !ids.isArray() || rows == null || !rows.isTextual()) {
            throw malformed(data);
        }
        List<String> named = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.asText().isEmpty()) {
                throw malformed(data);
            }
            named.add(id.asText());
        }
        Map<String, String> rowStatuses = BoardPage.rowStatuses(rows.asText());
        Map<String, String> shownAs = new LinkedHashMap<>();
        for (String id : named) {
            shownAs.put(id, rowStatuses.getOrDefault(id, BoardView.LEFT_THE_BOARD));
        }
        return new BoardChanges(List.copyOf(named), Collections.unmodifiableMap(shownAs), rowStatuses.size());
    }

    private static IllegalArgumentException malformed(String data) {
        return new IllegalArgumentException("not {\"ids\":[\"ID\", ...],\"rows\":\"<tr ...\"}: " + Http.abbreviate(data));
    }
}
