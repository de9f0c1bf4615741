package io.incidents.timelineservice.dashboard.sla;

import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.api.BadQueryException;
import io.incidents.timelineservice.api.SlaLimits;
import io.incidents.timelineservice.sla.SlaReport.Adherence;
import io.incidents.timelineservice.sla.SlaReport.Group;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The what-if form: acknowledge and resolve targets per severity in whole minutes (a field left
 * empty keeps today's), checked by the same {@link SlaLimits} as {@code /api/v1/sla/what-if},
 * and today's adherence beside the hypothetical one.
 */
final class WhatIf {

    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    /** Beyond this many digits a number is refused as too long anyway; keeps the arithmetic in range. */
    private static final int MOST_DIGITS = 9;

    private WhatIf() {
    }

    /** One clock of one severity: today's target and adherence, the asked ones, and the difference. */
    record Side(String todayTarget, String askedTarget, String today, String asked, String difference, String trend) {

        public boolean changed() {
            return !todayTarget.equals(askedTarget);
        }
    }

    record Row(Severity severity, Side acknowledge, Side resolve) {
    }

    static String field(String clock, Severity severity) {
        return clock + "-" + severity.name();
    }

    /** What the form shows: today's targets in minutes. */
    static Map<String, String> inputs(SlaPolicy policy) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            inputs.put(field("ack", severity), Format.minutes(policy.targetFor(severity).acknowledgeWithin()));
            inputs.put(field("resolve", severity), Format.minutes(policy.targetFor(severity).resolveWithin()));
        }
        return inputs;
    }

    /** Today's targets in words, by field name: "5 min" for {@code ack-SEV1}. */
    static Map<String, String> targets(SlaPolicy policy) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            targets.put(field("ack", severity), Format.seconds(policy.targetFor(severity).acknowledgeWithin().getSeconds()));
            targets.put(field("resolve", severity), Format.seconds(policy.targetFor(severity).resolveWithin().getSeconds()));
        }
        return targets;
    }

    /** What the form shows again after a submission: what was typed, so a mistake can be corrected. */
    static Map<String, String> inputs(Map<String, String> params, SlaPolicy today) {
        Map<String, String> inputs = inputs(today);
        inputs.replaceAll((name, todays) -> params.containsKey(name) ? params.get(name) : todays);
        return inputs;
    }

    /**
     * Today's policy with the submitted targets.
     *
     * @throws BadQueryException naming the field and what is wrong with it
     */
    static SlaPolicy policy(Map<String, String> params, SlaPolicy today) {
        SlaPolicy policy = today;
        for (Severity severity : Severity.values()) {
            Duration ack = minutes(params.get(field("ack", severity)), severity, "acknowledge");
            Duration resolve = minutes(params.get(field("resolve", severity)), severity, "resolve");
            policy = SlaLimits.withTargets(policy, severity, ack, resolve);
        }
        return policy;
    }

    private static Duration minutes(String value, Severity severity, String clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (!WHOLE.matcher(text).matches()) {
            throw new BadQueryException("The " + severity + " " + clock + " target must be a whole number of minutes, not \""
                    + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "\".");
        }
        String digits = text.replaceFirst("^[-+]", "");
        long magnitude = digits.replaceFirst("^0+(?=.)", "").length() > MOST_DIGITS ? 999_999_999L : Long.parseLong(digits);
        return Duration.ofMinutes(text.startsWith("-") ? -magnitude : magnitude);
    }

    /** Per severity, the same incidents judged under today's targets and under the asked ones. */
    static List<Row> compare(List<Group> today, List<Group> asked, SlaPolicy todayPolicy, SlaPolicy askedPolicy) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < today.size(); i++) {
            Severity severity = Severity.valueOf(today.get(i).key());
            rows.add(new Row(severity,
                    side(today.get(i), asked.get(i), Group::acknowledge,
                            todayPolicy.targetFor(severity).acknowledgeWithin(), askedPolicy.targetFor(severity).acknowledgeWithin()),
                    side(today.get(i), asked.get(i), Group::resolve,
                            todayPolicy.targetFor(severity).resolveWithin(), askedPolicy.targetFor(severity).resolveWithin())));
        }
        return rows;
    }

    private static Side side(Group today, Group asked, Function<Group, Adherence> clock, Duration todayTarget,
                             Duration askedTarget) {
        Adherence now = clock.apply(today);
        Adherence then = clock.apply(asked);
        return new Side(Format.seconds(todayTarget.getSeconds()), Format.seconds(askedTarget.getSeconds()),
                Format.adherence(now), Format.adherence(then), Format.points(then.percent(), now.percent()),
                Format.trend(then.percent(), now.percent(), true));
    }
}
