package io.incidents.timelineservice.dashboard.admin;

import io.incidents.timelineservice.dashboard.Upstream;

/** An upstream refusal or outage in words (the services' own detail), for a flash message or a note on a page. */
final class Refusals {

    private Refusals() {
    }

    /** @param notDone what did not happen, e.g. "Not created" */
    static String inWords(String notDone, Upstream.Reply reply) {
        String prefix = switch (reply.status()) {
            case 400 -> notDone + ", the request is incomplete: ";
            case 401, 403 -> "Not allowed: ";
            case 404 -> notDone + ", not found: ";
            case 429 -> "Too many requests: ";
            default -> notDone + ": ";
        };
        return prefix + reply.detail();
    }

    /** @param what what cannot be listed, e.g. "Parked deliveries" */
    static String unavailable(String what, Upstream.Reply reply) {
        if (reply.ok()) {
            return what + " cannot be shown: the answer was not understood.";
        }
        return what + " cannot be shown" + (reply.status() == 503 || reply.status() == 401 ? "" : " (HTTP " + reply.status() + ")")
                + ": " + reply.detail();
    }
}
