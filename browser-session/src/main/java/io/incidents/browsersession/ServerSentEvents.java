package io.incidents.browsersession;

import java.util.Optional;

/**
 * Reads a {@code text/event-stream} line by line as a browser's EventSource does (the HTML
 * standard's "interpret the event stream"): {@code event:} names the event, {@code data:} lines
 * make up its data, a blank line ends it, lines starting with {@code :} are comments (keep-alives).
 * One reader per stream; not thread-safe.
 */
public final class ServerSentEvents {

    /** One event: its name ({@code message} when the stream gives none) and its data. */
    public record Event(String name, String data) {
    }

    private String name = "";
    private StringBuilder data;

    /** The next line of the stream, without its line ending; the event it completes, if any. */
    public Optional<Event> line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder();
                } else {
                    data.append('\n');
                }
                data.append(value);
            }
            default -> {
                // id and retry matter only to a browser reconnecting by itself; unknown fields are ignored.
            }
        }
        return Optional.empty();
    }

    /** An event without data is not dispatched, as in a browser; either way the next one starts afresh. */
    private Optional<Event> dispatch() {
        Optional<Event> event = data == null ? Optional.empty()
                : Optional.of(new Event(name.isEmpty() ? "message" : name, data.toString()));
        name = "";
        data = null;
        return event;
    }
}
