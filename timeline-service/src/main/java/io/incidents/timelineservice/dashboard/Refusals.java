package io.incidents.timelineservice.dashboard;

/** An upstream list that cannot be shown, in words (the service's own detail), for a note on a page. */
public final class Refusals {

    private Refusals() {
    }

    /** @param what what cannot be listed, e.g. "Parked deliveries" */
    public static String unavailable(String what, Upstream.Reply reply) {
        if (reply.ok()) {
            return what + " cannot be shown: the answer was not understood.";
        }
        return what + " cannot be shown" + (reply.status() == 503 || reply.status() == 401 ? "" : " (HTTP " + reply.status() + ")")
                + ": " + reply.detail();
    }
}
