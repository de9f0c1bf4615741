package io.incidents.policy;

public enum Priority {
    CRITICAL, HIGH, MEDIUM, LOW
}
