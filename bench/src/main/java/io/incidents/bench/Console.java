package io.incidents.bench;

import java.util.Locale;

/** Progress lines, so a run of many minutes shows where it is. */
final class Console {

    private Console() {
    }

    static void say(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
