package io.incidents.demo;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress lines for the stack's demo log. */
final class Say {

    private Say() {
    }

    static synchronized void say(String format, Object... args) {
        System.out.println("[demo " + LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) + "Z] "
                + String.format(Locale.ROOT, format, args));
    }
}
