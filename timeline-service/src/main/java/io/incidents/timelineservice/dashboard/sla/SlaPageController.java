package io.incidents.timelineservice.dashboard.sla;

import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.api.BadQueryException;
import io.incidents.timelineservice.ledger.SlaReportQueries;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The SLA page: adherence per severity against the previous period, weekly charts, adherence per
 * service, the breach list, and a what-if under other targets. A period's events (with the
 * previous period's) are read once and each incident judged once by the SLA engine; a what-if
 * judges the same incidents again under the asked targets. Bad input gets the page back with a
 * 400 and a message, never an error page.
 */
@Controller
@DashboardPage
class SlaPageController {

    private final SlaReportQueries slaReports;
    private final SlaPolicy policy;
    private final Clock clock;

    SlaPageController(SlaReportQueries liveSlaReports, SlaPolicy slaPolicy, Clock clock) {
        this.slaReports = liveSlaReports;
        this.policy = slaPolicy;
        this.clock = clock;
    }

    /** A period's figures under today's targets, and how long they took. */
    private record Loaded(SlaFigures figures, long figuresMillis) {
    }

    @GetMapping("/sla")
    String page(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Instant now = clock.instant();
        SlaQuery query;
        try {
            query = SlaQuery.parse(params, now);
        } catch (BadQueryException e) {
            return refused(e, now, model, response);
        }
        Loaded loaded = load(query, now);
        show(loaded.figures(), model);
        model.addAttribute("whatIfInputs", WhatIf.inputs(policy));
        timing(response, loaded, -1);
        return "sla";
    }

    @PostMapping("/sla/what-if")
    String whatIf(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        Instant now = clock.instant();
        SlaQuery query;
        try {
            query = SlaQuery.parse(params, now);
        } catch (BadQueryException e) {
            return refused(e, now, model, response);
        }
        Loaded loaded = load(query, now);
        SlaFigures figures = loaded.figures();
        show(figures, model);
        model.addAttribute("whatIfInputs", WhatIf.inputs(params, policy));
        long started = System.nanoTime();
        try {
            SlaPolicy asked = WhatIf.policy(params, policy);
            model.addAttribute("whatIf", WhatIf.compare(figures.groups(), figures.under(slaReports, asked, now), policy, asked));
        } catch (BadQueryException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("whatIfError", e.getReason());
        }
        timing(response, loaded, millis(System.nanoTime() - started));
        return "sla";
    }

    @GetMapping("/sla/export.csv")
    ResponseEntity<String> csv(@RequestParam Map<String, String> params) {
        Instant now = clock.instant();
        SlaQuery query;
        try {
            query = SlaQuery.parse(params, now);
        } catch (BadQueryException e) {
            return ResponseEntity.badRequest().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(e.getReason() + "\n");
        }
        String name = "sla-" + query.fromDay() + "-to-" + query.toDay() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(SlaCsv.of(load(query, now).figures()));
    }

    private Loaded load(SlaQuery query, Instant now) {
        long started = System.nanoTime();
        SlaFigures figures = SlaFigures.of(slaReports, policy, query, now);
        return new Loaded(figures, millis(System.nanoTime() - started));
    }

    private void show(SlaFigures figures, Model model) {
        model.addAttribute("query", figures.query());
        model.addAttribute("figures", figures);
        model.addAttribute("charts", SlaCharts.of(figures));
        common(model);
    }

    /** The page with only the message and the filters, answered 400. */
    private String refused(BadQueryException e, Instant now, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("error", e.getReason());
        model.addAttribute("query", SlaQuery.standard(now));
        model.addAttribute("whatIfInputs", WhatIf.inputs(policy));
        common(model);
        return "sla";
    }

    private void common(Model model) {
        model.addAttribute("presets", SlaQuery.PRESETS);
        model.addAttribute("views", SlaQuery.View.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("targets", WhatIf.targets(policy));
    }

    /** Where the time went, for the browser's network panel: the figures' queries and the what-if (rendering comes after). */
    private static void timing(HttpServletResponse response, Loaded loaded, long whatIfMillis) {
        response.setHeader("Server-Timing", "figures;dur=" + loaded.figuresMillis()
                + (whatIfMillis >= 0 ? ", what-if;dur=" + whatIfMillis : ""));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
