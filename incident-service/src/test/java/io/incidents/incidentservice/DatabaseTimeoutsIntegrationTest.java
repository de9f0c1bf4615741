package io.incidents.incidentservice;

import io.incidents.testsupport.DatabaseTimeoutsContract;
import io.incidents.testsupport.IntegrationTest;

@IntegrationTest
class DatabaseTimeoutsIntegrationTest extends DatabaseTimeoutsContract {
}
