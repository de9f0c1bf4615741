package io.incidents.incidentservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.LoginContract;

@IntegrationTest
class LoginIntegrationTest extends LoginContract {
}
