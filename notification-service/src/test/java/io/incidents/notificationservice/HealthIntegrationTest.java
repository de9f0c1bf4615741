package io.incidents.notificationservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.ServiceHealthContract;

@IntegrationTest
class HealthIntegrationTest extends ServiceHealthContract {
}
