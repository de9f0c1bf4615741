package io.incidents.timelineservice.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.policy.SlaTarget;
import io.incidents.timelineservice.ledger.SlaReportQueries;
import io.incidents.timelineservice.sla.GroupBy;
import io.incidents.timelineservice.sla.SlaReport;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SLA adherence per severity or service, live and what-if. */
@RestController
@RequestMapping("/api/v1/sla")
@Validated
class SlaController {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    static final int MAX_BREACH_PAGE = 1000;

    private final SlaReports reports;
    private final SlaPolicy configuredPolicy;
    private final Clock clock;

    SlaController(SlaReports reports, SlaPolicy slaPolicy, Clock clock) {
        this.reports = reports;
        this.configuredPolicy = slaPolicy;
        this.clock = clock;
    }

    record ReportResponse(@JsonUnwrapped SlaReport report, Map<Severity, SlaTarget> targets) {
    }

    record TargetOverride(Duration acknowledgeWithin, Duration resolveWithin) {
    }

    record WhatIfRequest(@NotNull Instant from, @NotNull Instant to, String groupBy,
                         @NotEmpty Map<Severity, @Valid @NotNull TargetOverride> targets) {
    }

    @Operation(summary = "SLA adherence for incidents declared in [from, to) (default: the last 30 days)")
    @GetMapping
    ReportResponse report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                          @RequestParam(defaultValue = "severity") String groupBy) {
        Instant now = clock.instant();
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        SlaLimits.checkPeriod(start, end);
        return new ReportResponse(reports.report(start, end, groupBy(groupBy), configuredPolicy, now),
                configuredPolicy.targets());
    }

    @Operation(summary = "The same report recomputed from the events under other targets; changes nothing stored")
    @PostMapping("/what-if")
    ReportResponse whatIf(@Valid @RequestBody WhatIfRequest request) {
        SlaLimits.checkPeriod(request.from(), request.to());
        SlaPolicy policy = configuredPolicy;
        for (Map.Entry<Severity, TargetOverride> entry : request.targets().entrySet()) {
            TargetOverride override = entry.getValue();
            policy = SlaLimits.withTargets(policy, entry.getKey(), override.acknowledgeWithin(), override.resolveWithin());
        }
        GroupBy groupBy = groupBy(request.groupBy() == null ? "severity" : request.groupBy());
        return new ReportResponse(reports.report(request.from(), request.to(), groupBy, policy, clock.instant()),
                policy.targets());
    }

    /** A page of breaches; {@code next} is the {@code after} of the following page, null after the last. */
    record BreachPageResponse(List<SlaReport.Breach> items, String next) {
    }

    @Operation(summary = "Every breach of one group of the report, a page at a time, in the report's order (the report lists"
            + " the first " + SlaReports.BREACHES_PER_GROUP + " of each group)")
    @GetMapping("/breaches")
    BreachPageResponse breaches(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                @RequestParam(defaultValue = "declared") String view, @RequestParam String key,
                                @RequestParam(required = false) String after, @RequestParam(defaultValue = "100") int limit) {
        Instant now = clock.instant();
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        SlaLimits.checkPeriod(start, end);
        if (!List.of("declared", "highest", "service").contains(view)) {
            throw new BadQueryException("view must be declared, highest or service, not '" + view + "'.");
        }
        if (!view.equals("service") && Arrays.stream(Severity.values()).noneMatch(level -> level.name().equals(key))) {
            throw new BadQueryException("key must be a severity level (SEV1 to SEV4) in the " + view + " view, not '" + key + "'.");
        }
        if (limit < 1 || limit > MAX_BREACH_PAGE) {
            throw new BadQueryException("limit must be between 1 and " + MAX_BREACH_PAGE + ".");
        }
        SlaReportQueries.BreachPage page = reports.breaches(start, end, view, key, configuredPolicy, now, BreachCursors.read(after), limit);
        return new BreachPageResponse(page.items(), BreachCursors.write(page.next()));
    }

    private static GroupBy groupBy(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "severity" -> GroupBy.SEVERITY;
            case "service" -> GroupBy.SERVICE;
            default -> throw new BadQueryException("groupBy must be severity or service, not '" + value + "'.");
        };
    }
}
