package io.incidents.incidentservice.relay;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The relay's committed position, read from the token table rather than from the processor, so
 * it is right on every instance, and while the relay is stopped: what the broker has confirmed.
 */
@Component
class RelayTokens {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    RelayTokens(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Before the relay's first event: a segment without a token starts at the beginning. */
    static final RelayPosition START = RelayPosition.of(-1, Set.of());

    /** The least advanced committed position of the relay's segments; empty before the relay first started. */
    Optional<RelayPosition> committed() {
        List<RelayPosition> segments = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (row, i) -> position(row.getBytes("token"), row.getString("token_type")),
                KafkaRelay.PROCESSING_GROUP);
        return segments.stream().min(Comparator.comparingLong(RelayPosition::doneThrough));
    }

    private RelayPosition position(byte[] token, String tokenType) {
        if (token == null || tokenType == null) {
            return START;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        // A token being replayed is behind where it once was: its lower bound is what is done.
        TrackingToken lowerBound = tracking == null ? null : WrappedToken.unwrapLowerBound(tracking);
        if (lowerBound instanceof GapAwareTrackingToken gapAware) {
            return RelayPosition.of(gapAware.getIndex(), gapAware.getGaps());
        }
        return lowerBound == null ? START : RelayPosition.of(lowerBound.position().orElse(-1), Set.of());
    }
}
