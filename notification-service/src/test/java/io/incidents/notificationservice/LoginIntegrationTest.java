package io.incidents.notificationservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.LoginContract;

@IntegrationTest
class LoginIntegrationTest extends LoginContract {
}
