package io.incidents.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Logging in to the dashboard (timeline-service at /) through local-auth's form, OpenID Connect. */
@EndToEnd
class DashboardLoginIT {

    @Test
    void aBrowserThatIsNotLoggedInIsSentToLocalAuthsLoginForm(Stack stack, WebDriver browser) {
        browser.get(stack.dashboard().toString());

        Pages.awaitLoginForm(browser);
        assertThat(browser.getCurrentUrl()).startsWith(stack.auth().resolve("/login").toString());
        assertThat(browser.findElement(Pages.USERNAME).getAttribute("type")).isEqualTo("text");
        assertThat(browser.findElement(Pages.PASSWORD).getAttribute("type")).isEqualTo("password");
        assertThat(browser.findElement(Pages.SIGN_IN).getText()).isEqualTo("Sign in");
        Screenshots.save(browser, "local-auth-login");
    }

    @Test
    void validCredentialsLeadBackToTheDashboard(Stack stack, WebDriver browser) {
        Pages.loginAs(browser, Login.ONCALL);

        URI landed = URI.create(browser.getCurrentUrl());
        assertThat(Pages.isOn(browser, stack.timelineService())).as("on timeline-service: %s", landed).isTrue();
        assertThat(landed.getPath()).isEqualTo("/");
        // The dashboard knows who logged in.
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(Login.ONCALL.username());
    }

    @Test
    void wrongCredentialsStayOnTheFormWithAMessage(Stack stack, WebDriver browser) {
        browser.get(stack.dashboard().toString());
        Pages.awaitLoginForm(browser);
        browser.findElement(Pages.USERNAME).sendKeys(Login.SUPPORT.username());
        browser.findElement(Pages.PASSWORD).sendKeys("not-the-password");
        browser.findElement(Pages.SIGN_IN).click();

        Pages.await(browser).until(page -> !page.findElements(Pages.LOGIN_ERROR).isEmpty());
        assertThat(browser.findElement(Pages.LOGIN_ERROR).getText()).isEqualTo("Wrong user name or password.");
        assertThat(Pages.isOn(browser, stack.auth())).isTrue();
    }
}
