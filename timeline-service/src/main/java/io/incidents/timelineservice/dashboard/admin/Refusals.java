package io.incidents.timelineservice.dashboard.admin;

import io.incidents.timelineservice.dashboard.Upstream;

/** An upstream list that cannot be shown, in words (the service's own detail), for a note on a page. */
final class Refusals {

    private Refusals() {
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
