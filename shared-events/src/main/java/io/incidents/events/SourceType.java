package io.incidents.events;

public enum SourceType {
    MANUAL, ALERT
}
