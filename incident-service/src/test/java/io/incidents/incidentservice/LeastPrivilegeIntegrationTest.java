package io.incidents.incidentservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.LeastPrivilegeContract;

@IntegrationTest
class LeastPrivilegeIntegrationTest extends LeastPrivilegeContract {

    @Override
    protected String aTable() {
        return "domain_event_entry";
    }
}
