package io.incidents.timelineservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.LeastPrivilegeContract;

@IntegrationTest
class LeastPrivilegeIntegrationTest extends LeastPrivilegeContract {

    @Override
    protected String aTable() {
        return "incident_summary";
    }
}
