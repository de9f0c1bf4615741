package io.incidents.incidentservice.alerting;

/** A payload with more alerts than one payload may hold; refused whole, before anything is taken. */
class AlertsOverCap extends RuntimeException {

    private final int count;
    private final int cap;

    AlertsOverCap(int count, int cap) {
        super("the payload holds " + count + " alerts; at most " + cap + " are taken per payload");
        this.count = count;
        this.cap = cap;
    }

    int count() {
        return count;
    }

    int cap() {
        return cap;
    }
}
