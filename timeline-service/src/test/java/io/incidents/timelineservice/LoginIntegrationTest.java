package io.incidents.timelineservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.LoginContract;

@IntegrationTest
class LoginIntegrationTest extends LoginContract {
}
