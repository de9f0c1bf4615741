package io.incidents.timelineservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.ServiceHealthContract;

@IntegrationTest
class HealthIntegrationTest extends ServiceHealthContract {
}
