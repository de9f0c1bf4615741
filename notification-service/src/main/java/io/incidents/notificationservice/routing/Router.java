package io.incidents.notificationservice.routing;

import io.incidents.events.ActionItemOverdue;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.MitigationApplied;
import io.incidents.events.PostMortemOverdue;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.routing.NotificationProperties.Contact;
import io.incidents.policy.EscalationPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who is told what, for one event (SPEC sections 4 and 6). Pure: the incident before and
 * after the event, the configured contacts and who held each level when the event happened (the
 * {@link Roster}: the level's on-call schedule, else its configured contacts) decide.
 * <ul>
 *   <li>Escalation levels hear "initial" when they are first told: at declaration (SEV1 all four
 *       levels, SEV2 levels 1-2, SEV3 level 1, SEV4 nobody), at each escalation, at a raise.
 *       Service contacts are told with level 1. A level with nobody at all passes its messages to
 *       the next level up that has someone.</li>
 *   <li>Whoever was told hears "progress" in chat (acknowledgement, severity, status, rollbacks,
 *       mitigations, reopen; the decision matrix's decide-by passing with no rollback started and
 *       a rollback overrunning its procedure's bound, SPEC 5; a late post-mortem or action item,
 *       SPEC 7) and "resolution" in chat and email.
 *       Notes are internal findings and go to nobody but the generic webhooks.</li>
 *   <li>Customer-facing incidents (at or above the public severity at any time) go to the
 *       support team: an alert when they become so, the resolution at the end (SPEC 6).</li>
 *   <li>The status page carries only what a responder published (SPEC 6): each status update,
 *       and procedure D's "taken offline" post; once published, the resolution and a reopen too.
 *       Nothing is posted at declaration. Each post says which it is and the phase the page files
 *       it under (procedure D's under the incident's current phase).</li>
 *   <li>A drill is told to responders as usual, never to support or the status page.</li>
 *   <li>Generic webhooks get every event.</li>
 * </ul>
 */
public final class Router {

    private final NotificationProperties properties;
    private final Roster roster;

    public Router(NotificationProperties properties, Roster roster) {
        this.properties = properties;
        this.roster = roster;
    }

    /** Every level told by its configured contacts (no on-call schedules). */
    public Router(NotificationProperties properties) {
        this(properties, Roster.configured(properties));
    }

    /**
     * What one event calls for: the messages, and the levels it newly tells with whoever held them
     * ({@link #levelsTold}). The roster is asked at most once per level.
     */
    public record Routing(List<Notification> notifications, List<HeldLevel> levelsTold) {
    }

    public Routing decide(IncidentEvent event, IncidentState before, IncidentState after) {
        Map<Integer, HeldLevel> asked = new HashMap<>();
        Function<Integer, HeldLevel> holders = level -> asked.computeIfAbsent(level, l -> roster.at(l, event.occurredAt()));
        Set<Notification> out = new LinkedHashSet<>();
        int toldBefore = before == null ? 0 : before.toldLevel();
        boolean supportToldBefore = before != null && supportHears(before);
        boolean supportToldNow = supportHears(after);

        List<HeldLevel> newlyTold = held(toldBefore + 1, after.toldLevel(), holders);
        tell(out, contactsOf(newlyTold, after), "chat-initial", true);
        // Asked only by the events that tell those already told something (not by a note, say).
        Supplier<List<Contact>> alreadyTold = () -> contactsOf(held(1, toldBefore, holders), after);

        if (supportToldNow && !supportToldBefore) {
            tell(out, properties.support(), "support-alert", true);
        }
        if (event instanceof IncidentAcknowledged || event instanceof SeverityChanged || event instanceof RollbackStarted
                || event instanceof RollbackCompleted || event instanceof RollbackFailed || event instanceof IncidentEscalated
                || event instanceof MitigationApplied || event instanceof DecisionOverdue || event instanceof RollbackOverran
                || event instanceof PostMortemOverdue || event instanceof ActionItemOverdue) {
            tell(out, alreadyTold.get(), "chat-progress", false);
        }
        if (event instanceof RollbackStarted rollback && rollback.procedure() == RollbackProcedure.D && !after.drill()) {
            out.add(statusPage(StatusPostKind.OFFLINE, currentPhase(after)));
        }
        if (event instanceof IncidentStatusUpdated update) {
            tell(out, alreadyTold.get(), "chat-progress", false);
            if (!after.drill()) {
                out.add(statusPage(kindOf(update.phase())));
            }
        }
        if (event instanceof IncidentReopened) {
            tell(out, alreadyTold.get(), "chat-progress", false);
            if (after.published()) {
                out.add(statusPage(StatusPostKind.INVESTIGATING));
            }
        }
        if (event instanceof IncidentResolved) {
            tell(out, alreadyTold.get(), "chat-resolution", true);
            if (supportToldNow) {
                tell(out, properties.support(), "support-resolution", true);
            }
            if (after.published()) {
                out.add(statusPage(StatusPostKind.RESOLVED));
            }
        }
        for (NotificationProperties.Webhook webhook : properties.webhooks()) {
            out.add(new Notification(Channel.WEBHOOK, webhook.name(), webhookTemplate(event)));
        }
        return new Routing(new ArrayList<>(out), newlyTold);
    }

    public List<Notification> route(IncidentEvent event, IncidentState before, IncidentState after) {
        return decide(event, before, after).notifications();
    }

    /**
     * Support hears of an incident once it has been customer-facing (at or above the public
     * severity at any time), and then of its resolution too, whatever its severity by then; never
     * of a drill.
     */
    private boolean supportHears(IncidentState state) {
        return !state.drill() && !properties.publicSeverity().isMoreSevereThan(state.highestSeverity());
    }

    /**
     * The levels the event newly tells (at declaration, an escalation or a raise), each with whoever
     * held it when the event happened. A level that had nobody at all (no one on call and no
     * configured contacts) is listed as such, followed by the next level up that had someone, which
     * is told in its place (unless the event tells it anyway).
     */
    public List<HeldLevel> levelsTold(IncidentEvent event, IncidentState before, IncidentState after) {
        return decide(event, before, after).levelsTold();
    }

    /** Levels {@code from..to} as they were held when the event happened, a level with nobody passing to the next one up. */
    private static List<HeldLevel> held(int from, int to, Function<Integer, HeldLevel> holders) {
        Map<Integer, HeldLevel> held = new LinkedHashMap<>();
        for (int level = Math.max(1, from); level <= to; level++) {
            HeldLevel holder = held.computeIfAbsent(level, holders);
            for (int up = level + 1; holder.nobody() && up <= EscalationPolicy.MAX_LEVEL; up++) {
                holder = held.computeIfAbsent(up, holders);
            }
        }
        return List.copyOf(held.values());
    }

    /** The people of the levels, and the contacts of the incident's services with level 1 (they hear what level 1 hears). */
    private List<Contact> contactsOf(List<HeldLevel> levels, IncidentState incident) {
        List<Contact> contacts = new ArrayList<>();
        for (HeldLevel level : levels) {
            contacts.addAll(level.contacts());
            if (level.level() == 1) {
                incident.services().forEach(service -> contacts.addAll(properties.services().getOrDefault(service, List.of())));
            }
        }
        return contacts;
    }

    private static void tell(Set<Notification> out, List<Contact> contacts, String template, boolean email) {
        for (Contact contact : contacts) {
            if (contact.chatWebhook() != null && !contact.chatWebhook().isBlank()) {
                out.add(new Notification(Channel.CHAT, contact.chatWebhook(), template));
            }
            if (email && contact.email() != null && !contact.email().isBlank()) {
                out.add(new Notification(Channel.EMAIL, contact.email(), template));
            }
        }
    }

    /** A post filed under its own phase, written from {@code status-<kind>}. */
    private static Notification statusPage(StatusPostKind kind) {
        return statusPage(kind, kind);
    }

    private static Notification statusPage(StatusPostKind kind, StatusPostKind phase) {
        return new Notification(Channel.STATUS_PAGE, "public", "status-" + kind.name().toLowerCase(Locale.ROOT),
                new Notification.StatusPost(kind, phase));
    }

    /** Procedure D's post has no phase of its own: it is filed under the incident's current one. */
    private static StatusPostKind currentPhase(IncidentState incident) {
        return incident.publicPhase() == null ? StatusPostKind.INVESTIGATING : kindOf(incident.publicPhase());
    }

    private static StatusPostKind kindOf(StatusPagePhase phase) {
        return switch (phase) {
            case INVESTIGATING -> StatusPostKind.INVESTIGATING;
            case IDENTIFIED -> StatusPostKind.IDENTIFIED;
            case MONITORING -> StatusPostKind.MONITORING;
        };
    }

    private static String webhookTemplate(IncidentEvent event) {
        if (event instanceof IncidentDeclared) {
            return "chat-initial";
        }
        return event instanceof IncidentResolved ? "chat-resolution" : "chat-progress";
    }
}
