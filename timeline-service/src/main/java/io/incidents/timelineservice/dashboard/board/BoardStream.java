package io.incidents.timelineservice.dashboard.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.timelineservice.dashboard.Changes;
import io.incidents.timelineservice.dashboard.LiveView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one open board is sent about a batch of changes: every incident that changed, the rows of
 * those its filters still show, drawn for its viewer, and the count cards. The page replaces or inserts those rows
 * and removes the other changed incidents' rows; it never asks the server for them.
 */
final class BoardStream implements LiveView {

    private final BoardRows rows;
    private final BoardFilter filter;
    private final String viewer;
    private final BoardRowHtml html;
    private final ObjectMapper json;

    BoardStream(BoardRows rows, BoardFilter filter, String viewer, BoardRowHtml html, ObjectMapper json) {
        this.rows = rows;
        this.filter = filter;
        this.viewer = viewer;
        this.html = html;
        this.json = json;
    }

    @Override
    public String changed(Changes changes) {
        List<BoardRow> shown = rows.of(changes.ids(), viewer).stream().filter(filter::accepts).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ids", changes.ids());
        data.put("rows", html.rows(shown));
        data.put("counts", rows.counts().byCard());
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ids and HTML always make JSON", e);
        }
    }
}
