package io.incidents.events;

/** Incident severity, SEV1 the most severe (SPEC section 4). */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4;

    /** True when this level is more severe than {@code other} (SEV1 is more severe than SEV2). */
    public boolean isMoreSevereThan(Severity other) {
        return ordinal() < other.ordinal();
    }
}
