package io.incidents.timelineservice.dashboard.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.dashboard.LiveUpdates;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Map;

/**
 * The incident room's live stream: {@code changes} events name the incidents that changed (the
 * page reloads itself when its own did), {@code resync} says anything may have.
 */
@Controller
@DashboardPage
@Validated
class RoomStreamController {

    private final LiveUpdates live;
    private final ObjectMapper json;

    RoomStreamController(LiveUpdates live, ObjectMapper json) {
        this.live = live;
        this.json = json;
    }

    @GetMapping(path = "/ui/stream", produces = "text/event-stream")
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) @Size(max = 100) String lastEventId) {
        return live.subscribe(changes -> {
            try {
                return json.writeValueAsString(Map.of("ids", changes.ids()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("ids always make JSON", e);
            }
        }, lastEventId);
    }
}
