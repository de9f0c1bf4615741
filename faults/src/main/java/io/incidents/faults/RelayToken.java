package io.incidents.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The Kafka relay's token in incident-service's token table: which instance holds its claim
 * (Axon's node id, {@code pid@host}) and how far it has published (the token's global index).
 *
 * @param owner null while no instance holds the claim
 * @param index -1 before the relay's first event
 */
record RelayToken(String owner, long index) {

    static RelayToken read(Databases databases) throws SQLException {
        try (Connection connection = databases.open(Databases.INCIDENTS);
             PreparedStatement query = connection.prepareStatement("SELECT owner,"
                     + " coalesce((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint, -1) AS index"
                     + " FROM token_entry WHERE processor_name = 'kafka-relay' AND segment = 0");
             ResultSet row = query.executeQuery()) {
            return row.next() ? new RelayToken(row.getString("owner"), row.getLong("index")) : new RelayToken(null, -1);
        }
    }

    /** Whether the claim is held by the process of {@code pid}. */
    boolean ownedBy(long pid) {
        return owner != null && owner.startsWith(pid + "@");
    }
}
