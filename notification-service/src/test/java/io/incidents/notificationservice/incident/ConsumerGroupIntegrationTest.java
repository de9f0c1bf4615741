package io.incidents.notificationservice.incident;

import io.incidents.testsupport.ConsumerGroupContract;
import io.incidents.testsupport.IntegrationTest;

@IntegrationTest
class ConsumerGroupIntegrationTest extends ConsumerGroupContract {
}
