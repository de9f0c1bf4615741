package io.incidents.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/** notification-service's public status page, opened by anyone, no login. */
@EndToEnd
class StatusPageIT {

    @Test
    void anyoneSeesTheStatusPageWithItsHeading(Stack stack, WebDriver browser) {
        browser.get(stack.notificationService().resolve("/status").toString());

        Pages.await(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "Service status"));
        assertThat(browser.findElement(By.cssSelector("p.banner")).getText())
                .isIn("All systems operational", "Some systems are affected by an ongoing incident");
        Screenshots.save(browser, "status-page");
    }

    @Test
    void readsOnAPhone(Stack stack, @Phone WebDriver phone) {
        phone.get(stack.notificationService().resolve("/status").toString());

        Pages.await(phone).until(ExpectedConditions.textToBe(By.tagName("h1"), "Service status"));
        Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) phone)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow on a %d px wide screen, in CSS pixels", Chromium.PHONE.width)
                .isLessThanOrEqualTo(0L);
        Screenshots.save(phone, "status-page-phone");
    }
}
