package io.incidents.timelineservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.SecretLeakContract;

import java.util.List;

/** The read side holds no secrets of its own: the logins and API tokens every service knows must not leak either. */
@IntegrationTest
class SecretLeakIntegrationTest extends SecretLeakContract {

    @Override
    protected List<String> serviceSecrets() {
        return List.of();
    }

    @Override
    protected void useTheSecrets() {
        // Only the logins, used by the contract itself.
    }
}
