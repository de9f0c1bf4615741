package io.incidents.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** JDBC connections to each service's database on the stack's PostgreSQL (user postgres, no password). */
final class Databases {

    static final String INCIDENTS = "incident_service";
    static final String TIMELINE = "timeline_service";
    static final String NOTIFICATIONS = "notification_service";

    private final String hostAndPort;

    Databases(String hostAndPort) {
        this.hostAndPort = hostAndPort;
    }

    /** A new read-only connection; a stalled server makes it fail within minutes instead of hanging. */
    Connection open(String database) throws SQLException {
        Connection connection = openForWriting(database);
        connection.setReadOnly(true);
        return connection;
    }

    /** Only for {@link TimerProbes}, which moves a deadline; the audits only read. */
    Connection openForWriting(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + hostAndPort + "/" + database
                + "?user=postgres&connectTimeout=5&socketTimeout=120");
    }
}
