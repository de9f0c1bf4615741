package io.incidents.faults;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress lines, so a run of many minutes shows where it is. */
final class Say {

    private Say() {
    }

    static void line(String format, Object... args) {
        System.out.println("[faults " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] "
                + String.format(Locale.ROOT, format, args));
    }
}
