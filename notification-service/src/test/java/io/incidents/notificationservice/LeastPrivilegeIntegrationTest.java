package io.incidents.notificationservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.LeastPrivilegeContract;

import java.util.Map;
import java.util.Set;

@IntegrationTest
class LeastPrivilegeIntegrationTest extends LeastPrivilegeContract {

    @Override
    protected String aTable() {
        return "delivery";
    }

    /** Append-only (V6): read and appended to, never changed or removed. */
    @Override
    protected Map<String, Set<String>> narrowerTables() {
        return Map.of("oncall_event", Set.of("SELECT", "INSERT"));
    }
}
