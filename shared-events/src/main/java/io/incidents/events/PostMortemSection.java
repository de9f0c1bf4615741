package io.incidents.events;

/** The parts of a post-mortem the team writes (SPEC 7); the rest is generated from the events. */
public enum PostMortemSection {
    WENT_WELL,
    TO_IMPROVE,
    LESSONS
}
