package io.incidents.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one board shows of the incidents against what the workload's commands left them as: the
 * bookkeeping that says whether a board followed the commands.
 * <p>
 * An incident is missing from a board while the board's latest word on it (the last event naming
 * it: its row's status, or {@link #LEFT_THE_BOARD} when the event named it without a row) differs
 * from what its last answered command left it as. States are compared rather than times, as no
 * clock is shared with the server: each command moves an incident to a state it never had before
 * (open, acknowledged, off the board), so a batch sent before the last command took effect cannot
 * pass for it, and a batch that arrives before the command's answer is counted all the same (the
 * answer and the stream travel apart).
 * <p>
 * Thread-safe: commands are expected on the clients' threads, events shown on the stream's.
 */
final class BoardView {

    /** What a board shows of an incident that is no longer on it (resolved): no row. */
    static final String LEFT_THE_BOARD = "off the board";

    private final Map<String, String> shown = new HashMap<>();
    private final Map<String, String> expected = new HashMap<>();
    /** The incidents missing, each with when its last command was answered ({@link System#nanoTime()}). */
    private final Map<String, Long> missingSince = new HashMap<>();
    private long currentSince;

    BoardView(long now) {
        this.currentSince = now;
    }

    /** How a board shows an incident in {@code status}: it lists every unresolved incident and no other. */
    static String shownAs(String status) {
        return IncidentSeeder.UNRESOLVED.contains(status) ? status : LEFT_THE_BOARD;
    }

    /** Forgets everything: a new connection has had no word on any incident, and no command to show yet. */
    synchronized void reset(long now) {
        shown.clear();
        expected.clear();
        missingSince.clear();
        currentSince = now;
    }

    /** A command on {@code incidentId} was answered at {@code now}; the board should come to show it as {@code shownAs}. */
    synchronized void expect(String incidentId, String shownAs, long now) {
        expected.put(incidentId, shownAs);
        if (shownAs.equals(shown.get(incidentId))) {
            settled(incidentId, now);
        } else {
            missingSince.put(incidentId, now);
        }
    }

    /** The board's latest word on {@code incidentId}, received at {@code now}. */
    synchronized void show(String incidentId, String shownAs, long now) {
        shown.put(incidentId, shownAs);
        String wanted = expected.get(incidentId);
        if (wanted == null || wanted.equals(shownAs)) {
            settled(incidentId, now);
        } else {
            // Still the state before the last command (or an older one): missing since that command, not since now.
            missingSince.putIfAbsent(incidentId, now);
        }
    }

    /** The whole board drawn afresh: every incident on it as its row shows it, every other one known here off the board. */
    synchronized void showWholeBoard(Map<String, String> rows, long now) {
        Set<String> incidents = new HashSet<>(shown.keySet());
        incidents.addAll(expected.keySet());
        incidents.addAll(rows.keySet());
        for (String incidentId : incidents) {
            show(incidentId, rows.getOrDefault(incidentId, LEFT_THE_BOARD), now);
        }
    }

    private void settled(String incidentId, long now) {
        if (missingSince.remove(incidentId) != null && missingSince.isEmpty()) {
            currentSince = now;
        }
    }

    /** The incidents commands changed since the {@link #reset}. */
    synchronized int expected() {
        return expected.size();
    }

    synchronized int missing() {
        return missingSince.size();
    }

    /** Whether the board misses an incident whose last command was answered more than {@code lagNanos} before {@code now}. */
    synchronized boolean missesAnyOlderThan(long lagNanos, long now) {
        return missingSince.values().stream().anyMatch(since -> now - since > lagNanos);
    }

    /** When the board last came to show every command ({@link System#nanoTime()}); empty while it misses some. */
    synchronized OptionalLong currentSince() {
        return missingSince.isEmpty() ? OptionalLong.of(currentSince) : OptionalLong.empty();
    }

    /** For messages: up to {@code max} incidents missing, each with what the board shows and what it should. */
    synchronized List<String> missingExamples(int max) {
        List<String> examples = new ArrayList<>();
        for (String incidentId : missingSince.keySet()) {
            if (examples.size() == max) {
                break;
            }
            examples.add(incidentId + " " + (shown.containsKey(incidentId) ? "shown as " + shown.get(incidentId)
                    : "never named") + ", the commands left it " + expected.get(incidentId));
        }
        return examples;
    }
}
