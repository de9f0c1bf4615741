package io.incidents.bench;

/** The stack's PostgreSQL as the bench reaches it: user postgres, short connect and read timeouts. */
final class StackPostgres {

    private StackPostgres() {
    }

    /** @param hostPort {@code --postgres}, e.g. 127.0.0.1:5432 */
    static String url(String hostPort, String database) {
        return "jdbc:postgresql://" + hostPort + "/" + database + "?user=postgres&connectTimeout=5&socketTimeout=60";
    }

    /** As {@link #url}, without the read timeout: for statements over millions of rows, which take minutes. */
    static String urlForLongStatements(String hostPort, String database) {
        return "jdbc:postgresql://" + hostPort + "/" + database + "?user=postgres&connectTimeout=5";
    }
}
