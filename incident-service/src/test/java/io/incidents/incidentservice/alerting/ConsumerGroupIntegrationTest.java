package io.incidents.incidentservice.alerting;

import io.incidents.testsupport.ConsumerGroupContract;
import io.incidents.testsupport.IntegrationTest;

/** The alerts listener and the token-usage container share these settings (one consumer factory). */
@IntegrationTest
class ConsumerGroupIntegrationTest extends ConsumerGroupContract {
}
