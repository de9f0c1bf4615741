package io.incidents.incidentservice.relay;

/**
 * What the relay recorded of one aggregate: distinct sequence numbers published, counted from the
 * first one it recorded, and the highest. Complete (nothing missing from 0 to the highest) when
 * the count is the highest plus one.
 */
record PublishedRecord(long firstSequence, long maxSequence, long publishedCount) {

    /** An aggregate the relay never recorded. */
    static final PublishedRecord NOTHING = new PublishedRecord(0, -1, 0);

    /** Every sequence number from 0 to the highest has been published. */
    static PublishedRecord completeThrough(long maxSequence) {
        return new PublishedRecord(0, maxSequence, maxSequence + 1);
    }

    boolean complete() {
        return publishedCount == maxSequence + 1;
    }

    /** Nothing is missing between the first recorded sequence number and the highest. */
    boolean completeFromFirst() {
        return publishedCount == maxSequence - firstSequence + 1;
    }
}
