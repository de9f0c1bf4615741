package io.incidents.policy;

import io.incidents.events.Severity;

import java.util.EnumMap;
import java.util.Map;

/**
 * Escalation levels: 1 on-call engineer, 2 DevOps lead, 3 engineering manager, 4 CTO.
 * An incident starts at the highest level its severity tells at declaration (SPEC section 4).
 */
public record EscalationPolicy(Map<Severity, Integer> levelAtDeclaration) {

    public static final int MAX_LEVEL = 4;

    private static final String[] LEVEL_NAMES = {"nobody", "on-call engineer", "DevOps lead", "engineering manager", "CTO"};

    public static final EscalationPolicy DEFAULT = new EscalationPolicy(Map.of(
            Severity.SEV1, 4,
            Severity.SEV2, 2,
            Severity.SEV3, 1,
            Severity.SEV4, 0));

    public EscalationPolicy {
        EnumMap<Severity, Integer> copy = new EnumMap<>(Severity.class);
        copy.putAll(levelAtDeclaration);
        for (Severity severity : Severity.values()) {
            Integer level = copy.get(severity);
            if (level == null || level < 0 || level > MAX_LEVEL) {
                throw new IllegalArgumentException("escalation level for " + severity + " must be 0.." + MAX_LEVEL);
            }
        }
        levelAtDeclaration = Map.copyOf(copy);
    }

    public int levelAtDeclaration(Severity severity) {
        return levelAtDeclaration.get(severity);
    }

    /** Who a level is: 0 nobody, 1 on-call engineer, 2 DevOps lead, 3 engineering manager, 4 CTO. */
    public static String levelName(int level) {
        return level >= 0 && level < LEVEL_NAMES.length ? LEVEL_NAMES[level] : "level " + level;
    }
}
