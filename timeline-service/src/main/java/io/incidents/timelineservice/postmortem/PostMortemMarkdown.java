package io.incidents.timelineservice.postmortem;

import io.incidents.events.ActionItemStatus;
import io.incidents.policy.Detection;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.incident.ResponsePhases;
import io.incidents.timelineservice.notification.Communications;
import io.incidents.timelineservice.notification.Words;
import io.incidents.timelineservice.sla.Verdict;
import io.incidents.timelineservice.timeline.HumanDuration;
import io.incidents.timelineservice.timeline.Timeline;
import io.incidents.timelineservice.timeline.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders a {@link PostMortem} as Markdown; the same post-mortem always gives the same bytes. */
public final class PostMortemMarkdown {

    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private PostMortemMarkdown() {
    }

    public static String render(PostMortem pm) {
        StringBuilder md = new StringBuilder();
        md.append("# Post-mortem: ").append(pm.title()).append("\n\n");
        md.append("Incident `").append(pm.incidentId()).append("`").append(pm.resolved() ? "" : " (draft: not resolved yet)")
                .append("\n\n");
        if (pm.drill()) {
            md.append("**DRILL**: this incident was a drill, one of the plan's simulations; it is left out of SLA reports.\n\n");
        }

        md.append("## Summary\n\n").append(text(pm.summary())).append("\n\n");

        PostMortem.Impact impact = pm.impact();
        md.append("## Impact\n\n");
        md.append("- Services: ").append(String.join(", ", impact.services())).append('\n');
        md.append("- Severity: ").append(impact.severityAtDeclaration()).append(" at declaration, highest ")
                .append(impact.highestSeverity()).append('\n');
        for (IncidentView.SeverityChange change : impact.severityHistory()) {
            md.append("  - ").append(utc(change.at())).append(": ").append(change.from()).append(" → ").append(change.to())
                    .append(change.reason() == null ? "" : " (" + change.reason() + ")").append('\n');
        }
        if (pm.type() != null) {
            md.append("- Type: ").append(type(pm.type())).append('\n');
        }
        md.append("- Declared: ").append(utc(impact.declaredAt())).append('\n');
        if (impact.detectionWorthTelling()) {
            md.append("- Detected: ").append(detection(impact)).append('\n');
        }
        md.append("- Resolved: ").append(impact.resolvedAt() == null ? "not yet" : utc(impact.resolvedAt())).append('\n');
        boolean detectedFirst = impact.detectedAt().isBefore(impact.declaredAt());
        md.append("- Duration: ").append(impact.durationSeconds() == null ? "ongoing" : duration(impact.durationSeconds()))
                .append(impact.durationSeconds() != null && detectedFirst ? " (from detection)" : "").append("\n\n");

        if (pm.recommendation() != null) {
            // An alert that stated an outage may carry no error rate: the outage alone called for the advice.
            md.append("## Alert recommendation\n\n").append(pm.recommendation().errorRatePercent() == null
                            ? "The outage the alert reported called for "
                            : "The alert's error rate of " + pm.recommendation().errorRatePercent().toPlainString() + " % called for ")
                    .append(pm.recommendation().recommendation()).append(" (priority ").append(pm.recommendation().priority())
                    .append(pm.recommendation().decideBy() == null ? "" : ", decide by " + utc(pm.recommendation().decideBy()))
                    .append(").\n\n");
        }

        md.append("## Response times\n\n");
        if (detectedFirst) {
            md.append("Measured from detection (").append(utc(impact.detectedAt()))
                    .append("), where the SLA clocks start, not from the declaration.\n\n");
        }
        md.append("| metric | time | target | verdict |\n|---|---|---|---|\n");
        metricRow(md, "Time to acknowledge (TTA)", pm.metrics().timeToAcknowledge());
        metricRow(md, "Time to mitigate (TTM)", pm.metrics().timeToMitigate());
        metricRow(md, "Time to resolve (TTR)", pm.metrics().timeToResolve());
        md.append('\n');

        phases(md, pm);

        md.append("## Timeline (UTC)\n\n");
        for (TimelineEntry entry : pm.timeline()) {
            md.append("- ").append(utc(entry.at())).append(" ").append(listItem(entry.text())).append('\n');
        }
        md.append('\n');

        md.append("## Findings\n\n");
        if (pm.findings().isEmpty()) {
            md.append("No findings were noted.\n\n");
        } else {
            md.append("The responders' notes (internal).\n\n");
            for (PostMortem.Finding finding : pm.findings()) {
                md.append("- ").append(utc(finding.at())).append(' ').append(finding.author()).append(": ")
                        .append(listItem(finding.text())).append('\n');
            }
            md.append('\n');
        }

        md.append("## Mitigations\n\n");
        if (pm.mitigations().isEmpty()) {
            md.append("No quick fix or workaround was recorded.\n\n");
        } else {
            for (PostMortem.Mitigation m : pm.mitigations()) {
                md.append("- ").append(utc(m.at())).append(' ').append(Timeline.mitigationKind(m.kind())).append(" by ")
                        .append(m.appliedBy()).append(": ").append(listItem(m.description())).append('\n');
            }
            md.append('\n');
        }

        if (!pm.decisionReminders().isEmpty()) {
            md.append("## Decide-by reminders\n\n");
            for (PostMortem.DecisionReminder reminder : pm.decisionReminders()) {
                md.append("- ").append(utc(reminder.decideBy())).append(' ').append(reminder.recommendation())
                        .append(" was due and no rollback had started: the current levels were reminded\n");
            }
            md.append('\n');
        }

        md.append("## Rollbacks\n\n");
        if (pm.rollbacks().isEmpty()) {
            md.append("None.\n\n");
        } else {
            md.append("| procedure | target | status | took | expected | |\n|---|---|---|---|---|---|\n");
            for (PostMortem.RollbackReport r : pm.rollbacks()) {
                md.append("| ").append(r.procedure()).append(" (").append(r.procedureName()).append(") | ")
                        .append(r.targetVersion()).append(" | ").append(r.status().name().toLowerCase())
                        .append(r.failureReason() == null ? "" : ": " + r.failureReason()).append(" | ")
                        .append(r.durationSeconds() != null ? duration(r.durationSeconds())
                                : "still running (" + duration(r.stillRunningSeconds()) + (pm.resolved() ? " at resolution)"
                                : " at the last event)")).append(" | ")
                        .append(duration(r.expectedMinSeconds())).append(" to ").append(duration(r.expectedMaxSeconds()))
                        .append(" | ").append(r.overrun() ? "**over the expected time**" : "").append(" |\n");
            }
            md.append('\n');
        }

        checklists(md, pm);

        escalations(md, pm);
        communications(md, pm);

        md.append("## Root cause\n\n").append(text(pm.rootCause())).append("\n\n");

        md.append("## Action items\n\n");
        if (pm.actionItems().isEmpty()) {
            md.append("None yet.\n\n");
        } else {
            for (PostMortem.ActionItem item : pm.actionItems()) {
                md.append(item.status() == ActionItemStatus.DONE ? "- [x] " : "- [ ] ").append(listItem(item.text()))
                        .append(" (").append(item.owner()).append(item.dueDate() == null ? "" : ", due " + item.dueDate())
                        .append(") — ").append(actionItemStatus(item)).append('\n');
            }
            md.append('\n');
        }

        for (PostMortem.TeamSection section : pm.teamSections()) {
            md.append("## ").append(section.title()).append("\n\n");
            if (section.written()) {
                md.append(section.text()).append("\n\n_Written by ").append(section.author() == null ? "someone" : section.author())
                        .append(section.writtenAt() == null ? "" : ", " + utc(section.writtenAt())).append("._\n\n");
            } else {
                md.append("_Not written yet: to be filled in by the team._\n\n");
            }
        }

        meeting(md, pm);
        return md.toString();
    }

    /**
     * Every level notification-service told (at declaration, escalations and raises) with whom and
     * where they came from, then the escalations incident-service recorded.
     */
    private static void escalations(StringBuilder md, PostMortem pm) {
        md.append("## Escalations\n\n");
        if (!pm.levelsTold().isEmpty()) {
            md.append("Levels told (notification-service):\n\n");
            for (Communications.Level level : pm.levelsTold()) {
                md.append("- ").append(utc(level.toldAt())).append(" level ").append(level.level()).append(" (")
                        .append(level.levelName()).append("), at the ").append(level.cause().text()).append(": ")
                        .append(Words.people(level.people(), level.source())).append('\n');
            }
            md.append('\n');
        }
        if (pm.escalations().isEmpty()) {
            md.append(pm.levelsTold().isEmpty() ? "None beyond the levels told at declaration.\n\n"
                    : "No escalation was recorded (acknowledgement overdue or by a responder).\n\n");
        } else {
            if (!pm.levelsTold().isEmpty()) {
                md.append("Escalations recorded:\n\n");
            }
            for (PostMortem.Escalation e : pm.escalations()) {
                md.append("- ").append(utc(e.at())).append(" level ").append(e.level()).append(" (").append(e.levelName())
                        .append("), ").append(e.reason()).append(e.note() == null ? "" : ": " + e.note()).append('\n');
            }
            md.append('\n');
        }
    }

    /**
     * What notification-service actually sent and posted: status-page posts, messages delivered
     * per template and channel, and those not delivered (who was not reached); then the status
     * updates responders posted.
     */
    private static void communications(StringBuilder md, PostMortem pm) {
        PostMortem.CommunicationsSent sent = pm.communicationsSent();
        md.append("## Communications\n\n");
        if (sent.isEmpty()) {
            md.append("notification-service reported nothing sent or posted for this incident.\n\n");
        } else {
            md.append("What was actually sent and posted (notification-service).\n\n");
            md.append("### Status page posts\n\n");
            if (sent.statusPosts().isEmpty()) {
                md.append("Nothing was posted on the status page.\n\n");
            } else {
                for (Communications.StatusPost post : sent.statusPosts()) {
                    md.append("- ").append(utc(post.postedAt())).append(' ').append(Words.postKind(post.kind()))
                            .append(" \"").append(post.publicTitle()).append('"')
                            .append(post.components().isEmpty() ? "" : " (" + String.join(", ", post.components()) + ")")
                            .append(post.automatic() ? " (automatic, at the " + post.cause().text() + ")" : "")
                            .append(": ").append(listItem(post.message())).append('\n');
                }
                md.append('\n');
            }
            md.append("### Messages delivered\n\n");
            if (sent.messagesDelivered().isEmpty()) {
                md.append("No message was delivered.\n\n");
            } else {
                md.append("| template | channel | recipients | messages | first | last |\n|---|---|---|---|---|---|\n");
                for (Communications.DeliveredGroup group : sent.messagesDelivered()) {
                    md.append("| ").append(cell(group.template())).append(" | ").append(Words.channel(group.channel()))
                            .append(" | ").append(cell(String.join(", ", group.recipients()))).append(" | ")
                            .append(group.messages()).append(group.retried() == 0 ? "" : " (" + group.retried() + " retried)")
                            .append(" | ").append(utc(group.firstDeliveredAt())).append(" | ")
                            .append(utc(group.lastDeliveredAt())).append(" |\n");
                }
                md.append('\n');
            }
            md.append("### Not delivered\n\n");
            if (sent.notDelivered().isEmpty()) {
                md.append("Every message went through.\n\n");
            } else {
                md.append("These recipients were not reached:\n\n");
                for (Communications.NotDelivered message : sent.notDelivered()) {
                    md.append("- **").append(Words.undelivered(message.state())).append("**: ").append(message.template())
                            .append(" by ").append(Words.channel(message.channel())).append(" to ").append(message.recipient())
                            .append(", ").append(undelivered(message)).append('\n');
                }
                md.append('\n');
            }
        }
        md.append("### Status updates posted by responders\n\n");
        if (pm.communications().isEmpty()) {
            md.append("No status-page updates were posted.\n\n");
        } else {
            for (PostMortem.Communication c : pm.communications()) {
                md.append("- ").append(utc(c.at())).append(" ").append(c.phase()).append(": ").append(c.message())
                        .append(c.publicTitle() == null ? "" : " (public title \"" + c.publicTitle() + "\")")
                        .append(c.components() == null ? "" : " (components: "
                                + (c.components().isEmpty() ? "none" : String.join(", ", c.components())) + ")")
                        .append('\n');
            }
            md.append('\n');
        }
    }

    /** "parked 2026-11-03 08:00:00 after 301 attempts: SMTP connect refused", and so on. */
    private static String undelivered(Communications.NotDelivered message) {
        String attempts = message.attempts() == 0 ? "" : " after " + message.attempts()
                + (message.attempts() == 1 ? " attempt" : " attempts");
        String error = message.error() == null ? "" : ": " + message.error();
        return switch (message.state()) {
            case FAILING -> "failing since " + utc(message.at()) + attempts + error
                    + (message.outcomeUnknown() ? " (the receiver may have it)" : "")
                    + (message.nextAttemptAt() == null ? "" : "; next attempt " + utc(message.nextAttemptAt()));
            case PARKED -> "given up " + utc(message.at()) + attempts + error;
            case REQUEUED -> "due again since " + utc(message.at()) + " (" + Words.requeueReason(message.requeueReason())
                    + ")" + error;
        };
    }

    /** Text in a table cell: a "|" would end the cell, a line break the row. */
    private static String cell(String value) {
        return value == null ? "" : value.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** Time in each of the plan's response phases, stay by stay, and when communication began. */
    private static void phases(StringBuilder md, PostMortem pm) {
        md.append("## Response phases\n\n");
        md.append("| phase | from | to | time |\n|---|---|---|---|\n");
        for (ResponsePhases.Span span : pm.phases()) {
            md.append("| ").append(span.name().title()).append(" | ").append(utc(span.startedAt())).append(" | ")
                    .append(span.endedAt() == null ? "ongoing (at the last event)" : utc(span.endedAt())).append(" | ")
                    .append(duration(span.seconds())).append(" |\n");
        }
        ResponsePhases.Communication communication = pm.communication();
        md.append("\nCommunication (concurrent): ");
        if (communication == null || communication.firstUpdateAt() == null) {
            md.append("no status update was posted.\n\n");
        } else {
            md.append("first status update ").append(utc(communication.firstUpdateAt())).append(" (")
                    .append(duration(communication.secondsAfterDetection())).append(" after detection), ")
                    .append(communication.updates()).append(communication.updates() == 1 ? " update" : " updates")
                    .append(" in all.\n\n");
        }
    }

    /** The type, its runbook's checklist, and each rollback's checklists with its verification. */
    private static void checklists(StringBuilder md, PostMortem pm) {
        md.append("## Runbook and checklists\n\n");
        if (pm.type() == null) {
            md.append("No incident type (and so no runbook) was set.\n\n");
        } else {
            md.append("Type: ").append(type(pm.type())).append(".\n\n");
            checkItems(md, pm.runbookChecklist());
        }
        for (PostMortem.RollbackReport r : pm.rollbacks()) {
            md.append("### Rollback to ").append(r.targetVersion()).append(" (procedure ").append(r.procedure()).append("): ")
                    .append(verification(r)).append("\n\n");
            if (r.checklist() != null) {
                md.append("Before:\n\n");
                checkItems(md, r.checklist().before());
                md.append("Procedure ").append(r.procedure()).append(" steps:\n\n");
                checkItems(md, r.checklist().steps());
                md.append("Verification:\n\n");
                checkItems(md, r.checklist().verify());
            }
        }
    }

    /** "verified", or "**not verified**: missing ..." (the verification items not ticked). */
    public static String verification(PostMortem.RollbackReport r) {
        return r.verified() ? "verified" : "**not verified**: missing " + String.join("; ", r.verificationMissing());
    }

    private static void checkItems(StringBuilder md, List<IncidentView.CheckItem> items) {
        if (items.isEmpty()) {
            md.append("No items.\n\n");
            return;
        }
        for (IncidentView.CheckItem item : items) {
            md.append(item.done() ? "- [x] " : "- [ ] ").append(listItem(item.text()));
            if (item.at() != null) {
                md.append(" (").append(item.done() ? "ticked" : "unticked").append(" by ")
                        .append(item.by() == null ? "someone" : item.by()).append(", ").append(utc(item.at())).append(')');
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** "database-connections, runbook \"Database connection issues\" (suggested by the alert)". */
    private static String type(PostMortem.IncidentType type) {
        return type.type() + (type.runbookTitle() == null ? "" : ", runbook \"" + type.runbookTitle() + "\"")
                + (type.suggested() ? " (suggested by the alert)" : "");
    }

    private static String actionItemStatus(PostMortem.ActionItem item) {
        if (item.overdue()) {
            return "**overdue** (still open past its due date)";
        }
        return switch (item.status()) {
            case OPEN -> "open";
            case DONE -> "done";
            case WONT_DO -> "won't do";
        };
    }

    /** When the post-mortem is due and whose it is, whether it is done, and the meeting's agenda. */
    private static void meeting(StringBuilder md, PostMortem pm) {
        PostMortem.Schedule schedule = pm.schedule();
        md.append("## Post-mortem meeting\n\n");
        md.append("- Due: ").append(schedule.dueAt() == null ? "48 h after the resolution"
                : utc(schedule.dueAt()) + (schedule.scheduled() ? " (scheduled)" : " (48 h after the resolution)")).append('\n');
        md.append("- Owner: ").append(schedule.owner() == null ? "nobody yet (no incident commander)"
                : schedule.owner() + (schedule.scheduled() ? "" : " (incident commander)")).append('\n');
        md.append("- Status: ").append(schedule.completed()
                ? "completed" + (schedule.completedBy() == null ? "" : " by " + schedule.completedBy())
                + (schedule.completedAt() == null ? "" : ", " + utc(schedule.completedAt()))
                : schedule.overdue() ? "**overdue**: not completed by its due time" : "not completed yet").append("\n\n");
        PostMortemAgenda agenda = pm.agenda();
        md.append("### ").append(agenda.title()).append("\n\n");
        if (!agenda.introduction().isBlank()) {
            md.append(agenda.introduction()).append("\n\n");
        }
        for (int i = 0; i < agenda.items().size(); i++) {
            md.append(i + 1).append(". ").append(agenda.items().get(i)).append('\n');
        }
    }

    /** "2026-11-02 07:50:00 (10 m 0 s before declaration)", with the time given when it was clamped. */
    private static String detection(PostMortem.Impact impact) {
        Instant given = impact.detectedAtAsGiven();
        String before = impact.detectedAt().isBefore(impact.declaredAt())
                ? duration(Duration.between(impact.detectedAt(), impact.declaredAt()).getSeconds()) + " before declaration"
                : "at declaration";
        String clamped = given == null ? ""
                : "; the time given, " + utc(given) + (given.isAfter(impact.declaredAt()) ? ", was after the declaration"
                : ", was more than " + Detection.MAX_LEAD.toHours() + " h before the declaration") + " and was clamped";
        return utc(impact.detectedAt()) + " (" + before + clamped + ")";
    }

    private static void metricRow(StringBuilder md, String name, PostMortem.Metric metric) {
        md.append("| ").append(name).append(" | ")
                .append(metric.seconds() == null ? "-" : duration(metric.seconds())).append(" | ")
                .append(metric.targetSeconds() == null ? "no target" : duration(metric.targetSeconds())).append(" | ")
                .append(verdict(metric.verdict())).append(" |\n");
    }

    private static String verdict(Verdict verdict) {
        if (verdict == null) {
            return "-";
        }
        return switch (verdict) {
            case MET -> "met";
            case BREACHED -> "**breached**";
            case RUNNING -> "running";
        };
    }

    /** Seconds are enough for people; the JSON form keeps full precision. */
    private static String utc(Instant instant) {
        return UTC_SECONDS.format(instant);
    }

    private static String duration(long seconds) {
        return HumanDuration.of(Duration.ofSeconds(seconds));
    }

    /** Text from a person as one list item: its further lines indented, so they stay in the item. */
    private static String listItem(String value) {
        return value == null ? "" : value.replace("\r\n", "\n").replace("\n", "\n  ");
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? "_Not recorded._" : value;
    }

}
