package io.incidents.timelineservice.dashboard.admin;

import io.incidents.timelineservice.dashboard.Times;
import io.incidents.timelineservice.replay.ReplayStatus;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A replay as the page shows it, and as {@code /admin/replay/progress} sends it to the page's
 * script, with the same words, so the bar reads the same with and without JavaScript.
 *
 * @param percent       0 to 100; 100 once completed (records skipped as unreadable count as done)
 * @param indeterminate running, but the number of records to read is not known yet
 */
record ReplayView(String state, String stateText, boolean running, long eventsDone, long eventsTotal, int percent,
                  boolean indeterminate, String positionText, String rateText, String leftText, Instant startedAt,
                  Instant finishedAt, String error) {

    static ReplayView of(ReplayStatus status) {
        boolean running = status.state() == ReplayStatus.State.RUNNING;
        long total = status.eventsTotal();
        int percent = status.state() == ReplayStatus.State.COMPLETED ? 100
                : total <= 0 ? 0 : (int) Math.min(100, Math.max(0, status.eventsDone() * 100 / total));
        NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        String position = status.state() == ReplayStatus.State.IDLE ? "—"
                : running && total <= 0 ? "counting the records to read…"
                : numbers.format(status.eventsDone()) + " of " + numbers.format(total) + " events (" + percent + " %)";
        String rate = status.state() == ReplayStatus.State.IDLE ? "—"
                : String.format(Locale.ENGLISH, "%,.1f events/s", status.eventsPerSecond());
        String left = !running ? "—"
                : status.secondsLeft() == null ? "not known yet"
                : "about " + Times.duration(Duration.ofSeconds(status.secondsLeft()));
        return new ReplayView(status.state().name(), stateText(status), running, status.eventsDone(), total, percent,
                running && total <= 0, position, rate, left, status.startedAt(), status.finishedAt(), status.error());
    }

    private static String stateText(ReplayStatus status) {
        return switch (status.state()) {
            case IDLE -> "No replay has run since this instance of timeline-service started.";
            case RUNNING -> "Running: rebuilding every read model from the start of the topic.";
            case COMPLETED -> "Completed: the rebuilt read models are in use.";
            case FAILED -> "Failed; the live read models are untouched. Reason: " + status.error();
        };
    }
}
