package io.incidents.timelineservice.dashboard.sla;

import io.incidents.timelineservice.api.BadQueryException;
import io.incidents.timelineservice.api.SlaLimits;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the SLA page shows, all in the query string so a view can be bookmarked and shared: the
 * last 7, 30 or 90 days ({@code days}), or whole UTC days from {@code from} to {@code to} (both
 * included; {@code days} absent or {@code custom}); one service or all; by the severity at
 * declaration or by the highest severity reached.
 *
 * @param days  the preset, or {@code null} for a custom period
 * @param from  the period's start, included
 * @param to    the period's end, excluded (now, for a period that would reach into the future)
 */
public record SlaQuery(Integer days, LocalDate fromDay, LocalDate toDay, String service, View view,
                       Instant from, Instant to) {

    public static final List<Integer> PRESETS = List.of(7, 30, 90);
    /** The {@code days} value of a custom period, so one form can offer presets and from/to. */
    public static final String CUSTOM = "custom";
    static final int DEFAULT_DAYS = 30;
    static final int LONGEST_SERVICE_NAME = 100;

    /** Which severity an incident is counted under (SPEC 4): the one it was declared with, or the highest it reached. */
    public enum View {
        DECLARED("severity at declaration"), HIGHEST("highest severity reached");

        private final String text;

        View(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The default page: the last 30 days, every service, by severity at declaration. */
    static SlaQuery standard(Instant now) {
        return preset(DEFAULT_DAYS, null, View.DECLARED, now);
    }

    /**
     * Reads the page's parameters.
     *
     * @throws BadQueryException saying what is wrong, for the page to show with a 400
     */
    static SlaQuery parse(Map<String, String> params, Instant now) {
        String service = blankToNull(params.get("service"));
        if (service != null && service.length() > LONGEST_SERVICE_NAME) {
            throw new BadQueryException("A service name has at most 100 characters.");
        }
        View view = view(blankToNull(params.get("view")));
        String days = blankToNull(params.get("days"));
        if (days != null && !CUSTOM.equalsIgnoreCase(days)) {
            return preset(days(days), service, view, now);
        }
        String from = blankToNull(params.get("from"));
        String to = blankToNull(params.get("to"));
        if (from == null && to == null && days == null) {
            return preset(DEFAULT_DAYS, service, view, now);
        }
        if (from == null || to == null) {
            throw new BadQueryException("A custom period needs both from and to.");
        }
        LocalDate fromDay = day("from", from);
        LocalDate toDay = day("to", to);
        if (toDay.isBefore(fromDay)) {
            throw new BadQueryException("from must be on or before to.");
        }
        Instant start = fromDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (end.isAfter(now) && start.isBefore(now)) {
            end = now;
        }
        SlaLimits.checkPeriod(start, end);
        return new SlaQuery(null, fromDay, toDay, service, view, start, end);
    }

    private static SlaQuery preset(int days, String service, View view, Instant now) {
        Instant from = now.minus(Duration.ofDays(days));
        return new SlaQuery(days, LocalDate.ofInstant(from, ZoneOffset.UTC), LocalDate.ofInstant(now, ZoneOffset.UTC),
                service, view, from, now);
    }

    /** The period of the same length just before this one, which the deltas compare against. */
    public Instant previousFrom() {
        return from.minus(Duration.between(from, to));
    }

    public boolean custom() {
        return days == null;
    }

    public String periodText() {
        return custom() ? "from " + fromDay + " to " + toDay + " (UTC days)" : "the last " + days + " days";
    }

    /** The per-severity table as CSV, for the same filters. */
    public String csvLink() {
        return link("/sla/export.csv", period());
    }

    /** The period's own parameters, for forms that change something else and keep the period. */
    public Map<String, String> period() {
        Map<String, String> period = new LinkedHashMap<>();
        if (custom()) {
            period.put("days", CUSTOM);
            period.put("from", fromDay.toString());
            period.put("to", toDay.toString());
        } else {
            period.put("days", String.valueOf(days));
        }
        return period;
    }

    /** Every parameter of this query, for the what-if form to carry along. */
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>(period());
        if (service != null) {
            params.put("service", service);
        }
        params.put("view", view.param());
        return params;
    }

    private String link(String path, Map<String, String> period) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        period.forEach(uri::queryParam);
        if (service != null) {
            uri.queryParam("service", service);
        }
        if (view != View.DECLARED) {
            uri.queryParam("view", view.param());
        }
        return uri.encode().build().toUriString();
    }

    private static int days(String value) {
        try {
            int days = Integer.parseInt(value);
            if (PRESETS.contains(days)) {
                return days;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadQueryException("days must be 7, 30 or 90; for another period give from and to.");
    }

    private static View view(String value) {
        if (value == null) {
            return View.DECLARED;
        }
        for (View view : View.values()) {
            if (view.param().equals(value.toLowerCase(Locale.ROOT))) {
                return view;
            }
        }
        throw new BadQueryException("view must be declared or highest.");
    }

    private static LocalDate day(String name, String value) {
        try {
            LocalDate day = LocalDate.parse(value);
            if (day.getYear() >= 1 && day.getYear() <= 9999) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw new BadQueryException(name + " must be a day as yyyy-mm-dd.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
