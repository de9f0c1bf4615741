package io.incidents.testsupport;

import io.incidents.support.database.DatabaseOwner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every service promises about its database role (docs/deploy-postgres.md): it runs as a
 * role that may read and write its tables' rows and nothing more (no DDL, no TRUNCATE, no
 * Flyway history), while its migrations ran as the schema's owner. A service's test class
 * extends this (annotated {@link IntegrationTest}, whose database has the two roles).
 */
public abstract class LeastPrivilegeContract {

    private static final Set<String> ROWS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE");
    /** PostgreSQL's insufficient_privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Autowired
    protected DataSource dataSource;
    @Autowired
    protected DatabaseOwner owner;

    /** A table of the service's that exists from its first migration on. */
    protected abstract String aTable();

    /** Tables the runtime role may do less with than read and write rows (append-only ones). */
    protected Map<String, Set<String>> narrowerTables() {
        return Map.of();
    }

    @Test
    void theServiceRunsAsARoleThatIsNeitherTheOwnerNorASuperuser() {
        JdbcTemplate runtime = new JdbcTemplate(dataSource);
        JdbcTemplate schemaOwner = new JdbcTemplate(owner.dataSource());
        assertThat(owner.separate()).as("the test database has an owner role").isTrue();
        String runtimeRole = runtime.queryForObject("SELECT current_user", String.class);
        assertThat(runtimeRole).isNotEqualTo(schemaOwner.queryForObject("SELECT current_user", String.class));
        assertThat(runtime.queryForObject("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user",
                Boolean.class)).as("%s may create nothing outside its grants", runtimeRole).isFalse();
        assertThat(runtime.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                + " AND tableowner = current_user", String.class)).as("tables %s owns", runtimeRole).isEmpty();
    }

    @Test
    void theRuntimeRoleMayReadAndWriteRowsOfEveryTableAndNoMore() {
        JdbcTemplate runtime = new JdbcTemplate(dataSource);
        Map<String, Set<String>> expected = new TreeMap<>();
        Map<String, Set<String>> actual = new TreeMap<>();
        for (String table : runtime.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", String.class)) {
            expected.put(table, table.equals("flyway_schema_history") ? Set.of() : narrowerTables().getOrDefault(table, ROWS));
            Set<String> privileges = new TreeSet<>();
            for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")) {
                if (Boolean.TRUE.equals(runtime.queryForObject("SELECT has_table_privilege(current_user, ?::regclass, ?)",
                        Boolean.class, table, privilege))) {
                    privileges.add(privilege);
                }
            }
            actual.put(table, privileges);
        }
        expected.replaceAll((table, privileges) -> new TreeSet<>(privileges));
        assertThat(actual).as("what the runtime role may do with each table").isEqualTo(expected);
        assertThat(runtime.queryForObject("SELECT has_schema_privilege(current_user, current_schema(), 'CREATE')", Boolean.class))
                .as("the runtime role creates nothing in the schema").isFalse();
    }

    @Test
    void theRuntimeRoleIsRefusedDdl() {
        JdbcTemplate runtime = new JdbcTemplate(dataSource);
        assertRefused(() -> runtime.execute("CREATE TABLE least_privilege_probe (id INTEGER)"));
        assertRefused(() -> runtime.execute("DROP TABLE " + aTable()));
        assertRefused(() -> runtime.execute("ALTER TABLE " + aTable() + " ADD COLUMN least_privilege_probe INTEGER"));
        assertRefused(() -> runtime.execute("TRUNCATE " + aTable()));
        assertRefused(() -> runtime.queryForList("SELECT * FROM flyway_schema_history"));
    }

    @Test
    void theOwnerMayChangeTheSchema() {
        JdbcTemplate schemaOwner = new JdbcTemplate(owner.dataSource());
        schemaOwner.execute("CREATE TABLE least_privilege_probe (id INTEGER)");
        schemaOwner.execute("DROP TABLE least_privilege_probe");
    }

    private static void assertRefused(Runnable statement) {
        assertThatThrownBy(statement::run).isInstanceOf(DataAccessException.class)
                .satisfies(refusal -> assertThat(sqlState(refusal)).as("%s", refusal.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
