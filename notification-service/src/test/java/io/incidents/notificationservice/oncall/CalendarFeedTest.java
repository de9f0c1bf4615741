package io.incidents.notificationservice.oncall;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5545's content lines: escaping and folding at 75 octets. */
class CalendarFeedTest {

    @Test
    void textValuesAreEscaped() {
        assertThat(CalendarFeed.text("a\\b;c,d\ne\r\nf\u0007g")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nfg");
    }

    @Test
    void longLinesAreFoldedAt75Octets_neverInsideACharacter() {
        StringBuilder out = new StringBuilder();
        String value = "SUMMARY:" + "Zoë Øyvind 日本 ".repeat(12);
        CalendarFeed.line(out, value);

        String[] lines = out.toString().split("\r\n", -1);
        assertThat(lines[lines.length - 1]).as("ends with CRLF").isEmpty();
        assertThat(lines.length).isGreaterThan(3);
        StringBuilder unfolded = new StringBuilder(lines[0]);
        for (int i = 0; i < lines.length - 1; i++) {
            assertThat(lines[i].getBytes(StandardCharsets.UTF_8).length).as("line %s", i).isLessThanOrEqualTo(75);
            assertThat(lines[i]).doesNotContain("\n").doesNotContain("\r");
            if (i > 0) {
                assertThat(lines[i]).startsWith(" ");
                unfolded.append(lines[i].substring(1));
            }
        }
        assertThat(unfolded.toString()).isEqualTo(value);
    }

    @Test
    void shortLinesAreLeftAlone() {
        StringBuilder out = new StringBuilder();
        CalendarFeed.line(out, "X".repeat(75));
        assertThat(out.toString()).isEqualTo("X".repeat(75) + "\r\n");
    }
}
