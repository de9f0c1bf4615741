package io.incidents.timelineservice;

import io.incidents.testsupport.DatabaseTimeoutsContract;
import io.incidents.testsupport.IntegrationTest;

@IntegrationTest
class DatabaseTimeoutsIntegrationTest extends DatabaseTimeoutsContract {
}
