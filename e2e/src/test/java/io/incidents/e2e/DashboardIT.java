package io.incidents.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The support dashboard in a real browser against the whole system: incidents declared and
 * changed through incident-service's API and from the dashboard itself, seen live on the board,
 * in the incident room, the post-mortem, the SLA page and the admin pages.
 */
@EndToEnd
class DashboardIT {

    private static final By LAMP_LIVE = By.cssSelector("#live.live");
    private static final By UNACKNOWLEDGED_COUNT = By.cssSelector("#count-unacknowledged strong");

    private static WebElement row(WebDriver browser, String id) {
        return browser.findElement(By.id("row-" + id));
    }

    /** Opens the room once timeline-service has the incident (it consumes the events asynchronously). */
    private static void openRoom(Stack stack, WebDriver browser, String id) {
        Pages.await(browser).until(page -> {
            page.get(stack.dashboard().resolve("/incidents/" + id).toString());
            return !page.findElements(By.id("incident-title")).isEmpty();
        });
    }

    @Test
    void aNewIncidentAppearsOnTheBoardWithoutAReload(Stack stack, WebDriver browser) {
        Pages.loginAs(browser, Login.SUPPORT);
        Pages.await(browser).until(ExpectedConditions.presenceOfElementLocated(LAMP_LIVE));
        // Survives only if the page is never reloaded.
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");
        int unacknowledged = Integer.parseInt(browser.findElement(UNACKNOWLEDGED_COUNT).getText().trim());

        long declaredAt = System.nanoTime();
        String id = stack.incidentApi(Login.ONCALL).declareIncident("Checkout failing for EU customers", "SEV2", "checkout");
        Pages.await(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("row-" + id)));
        long millis = Duration.ofNanos(System.nanoTime() - declaredAt).toMillis();
        System.out.printf("board: the new incident appeared %d ms after incident-service accepted it%n", millis);

        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true;")).isEqualTo(true);
        WebElement row = row(browser, id);
        assertThat(row.getText()).contains("Checkout failing for EU customers").contains("SEV2");
        assertThat(row.findElement(By.cssSelector("td.clock[data-clock=acknowledge]")).getAttribute("class")).contains("ok");
        assertThat(row.findElements(By.tagName("button"))).as("a VIEWER gets no Ack button").isEmpty();
        // The count cards come with the rows, counted by the server.
        Pages.await(browser).until(ignored -> Integer.parseInt(browser.findElement(UNACKNOWLEDGED_COUNT).getText().trim())
                > unacknowledged);
        Screenshots.save(browser, "dashboard-board");
    }

    @Test
    void acknowledgingFromTheRoomStopsItsAckCountdown(Stack stack, WebDriver browser) {
        String id = stack.incidentApi(Login.ONCALL).declareIncident("Login latency p99 over 3 s", "SEV3", "auth");
        Pages.loginAs(browser, Login.ONCALL);
        openRoom(stack, browser, id);
        assertThat(browser.findElement(By.cssSelector("#ack-clock .clock-text")).getText()).endsWith("left");

        browser.findElement(By.id("action-acknowledge")).click();

        Pages.await(browser).until(ExpectedConditions.textToBe(By.id("flash"), "Acknowledged."));
        // The room shows itself again once timeline-service has the acknowledgement.
        Pages.await(browser).until(page -> {
            List<WebElement> clock = page.findElements(By.cssSelector("#ack-clock .clock-text"));
            return !clock.isEmpty() && clock.get(0).getText().startsWith("met, stopped after");
        });
        String stopped = browser.findElement(By.cssSelector("#ack-clock .clock-text")).getText();
        sleep(Duration.ofMillis(2200));
        assertThat(browser.findElement(By.cssSelector("#ack-clock .clock-text")).getText()).as("no longer ticking").isEqualTo(stopped);
        assertThat(browser.findElement(By.id("ack-clock")).getAttribute("class")).contains("stopped");
        JsonNode incident = stack.timelineApi(Login.SUPPORT).getJson("/api/v1/incidents/" + id);
        assertThat(incident.path("acknowledgedBy").asText()).as("acted as the person logged in").isEqualTo("oncall");
    }

    @Test
    void aSeverityRaiseTurnsItsBadge(Stack stack, WebDriver browser) {
        String id = stack.incidentApi(Login.ONCALL).declareIncident("Search results stale", "SEV3", "search");
        Pages.loginAs(browser, Login.ONCALL);
        openRoom(stack, browser, id);
        assertThat(browser.findElement(By.id("severity-badge")).getAttribute("class")).contains("sev3");

        browser.findElement(By.xpath("//summary[text()='Change severity']")).click();
        new Select(browser.findElement(By.id("severity-select"))).selectByValue("SEV1");
        browser.findElement(By.cssSelector("form[action$='/actions/severity'] input[name=reason]")).sendKeys("All searches fail");
        browser.findElement(By.id("action-severity")).click();

        Pages.await(browser).until(ExpectedConditions.textToBe(By.id("flash"), "Severity changed."));
        Pages.await(browser).until(page -> {
            page.navigate().refresh();
            return page.findElement(By.id("severity-badge")).getText().equals("SEV1");
        });
        assertThat(browser.findElement(By.id("severity-badge")).getAttribute("class")).contains("sev1");
        assertThat(browser.findElement(By.id("severity-history")).getText()).contains("SEV3 → SEV1: All searches fail");
        Screenshots.save(browser, "dashboard-room");

        browser.get(stack.dashboard().toString());
        Pages.await(browser).until(page -> row(page, id).findElement(By.cssSelector(".sev")).getText().equals("SEV1"));
        assertThat(row(browser, id).findElement(By.cssSelector(".sev")).getAttribute("class")).contains("sev1");
    }

    @Test
    void thePostMortemRendersWithItsSections(Stack stack, WebDriver browser) {
        Api oncall = stack.incidentApi(Login.ONCALL);
        String id = oncall.declareIncident("Billing webhooks <b>failing</b>", "SEV2", "billing");
        Api.successful(oncall.post("/api/v1/incidents/" + id + "/acknowledge"));
        Api.successful(oncall.postJson("/api/v1/incidents/" + id + "/action-items",
                Map.of("text", "Alert on webhook error rate", "owner", "dana")));
        Api.successful(oncall.postJson("/api/v1/incidents/" + id + "/resolve",
                Map.of("summary", "Webhook signing key rotated back", "rootCause", "An expired signing key")));
        Pages.loginAs(browser, Login.SUPPORT);

        Pages.await(browser).until(page -> {
            page.get(stack.dashboard().resolve("/incidents/" + id + "/postmortem").toString());
            return page.getPageSource().contains("An expired signing key");
        });

        for (String section : List.of("pm-summary", "pm-impact", "pm-metrics", "pm-timeline", "pm-rollbacks",
                "pm-escalations", "pm-communications", "pm-root-cause", "pm-action-items")) {
            assertThat(browser.findElements(By.id(section))).as(section).hasSize(1);
        }
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Post-mortem: Billing webhooks <b>failing</b>");
        assertThat(browser.findElements(By.cssSelector("h1 b"))).as("the title's markup stays text").isEmpty();
        assertThat(browser.findElement(By.id("pm-action-items")).getText()).contains("Alert on webhook error rate").contains("dana");
        assertThat(browser.findElement(By.id("download-markdown")).getAttribute("href")).endsWith("/postmortem.md");
        Screenshots.save(browser, "dashboard-postmortem");
    }

    @Test
    void theSlaPageDrawsItsCharts(Stack stack, WebDriver browser) {
        Api oncall = stack.incidentApi(Login.ONCALL);
        String id = oncall.declareIncident("Email delivery delayed", "SEV3", "email");
        Api.successful(oncall.post("/api/v1/incidents/" + id + "/acknowledge"));
        Api.successful(oncall.postJson("/api/v1/incidents/" + id + "/resolve", Map.of("summary", "Queue drained")));
        Pages.loginAs(browser, Login.SUPPORT);

        browser.get(stack.dashboard().resolve("/sla?days=7").toString());

        for (String chart : List.of("chart-adherence-ack", "chart-adherence-resolve", "chart-trend-tta", "chart-trend-ttr",
                "chart-services", "chart-volume")) {
            WebElement svg = browser.findElement(By.id(chart));
            assertThat(svg.getTagName()).as(chart).isEqualTo("svg");
            assertThat(svg.getSize().getWidth()).as(chart + " is drawn").isGreaterThan(100);
            assertThat(svg.findElements(By.cssSelector("polyline, rect, circle"))).as(chart + " has marks").isNotEmpty();
        }
        Screenshots.save(browser, "dashboard-sla");
    }

    @Test
    void aViewerSeesNoActionButtonsAndAForgedActionIsRefused(Stack stack, WebDriver browser) {
        String id = stack.incidentApi(Login.ONCALL).declareIncident("Chat messages delayed", "SEV3", "chat");
        Pages.loginAs(browser, Login.SUPPORT);
        openRoom(stack, browser, id);

        assertThat(browser.findElements(By.id("actions"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form[action*='/actions/']"))).isEmpty();

        // The form a RESPONDER would send, with this session's own CSRF token.
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/incidents/' + arguments[0] + '/actions/acknowledge', {
                  method: 'POST', headers: Object.assign({'Content-Type': 'application/x-www-form-urlencoded'},
                  Dashboard.csrfHeaders()), body: '', redirect: 'manual'
                }).then(r => done(r.status)).catch(e => done(String(e)));""", id);
        assertThat(status).isEqualTo(403L);
        JsonNode incident = stack.timelineApi(Login.SUPPORT).getJson("/api/v1/incidents/" + id);
        assertThat(incident.path("acknowledgedAt").isNull()).as("nothing changed").isTrue();
    }

    @Test
    void anAdminSeesTheAdminPages(Stack stack, WebDriver browser) {
        Pages.loginAs(browser, Login.ADMIN);
        browser.findElement(By.linkText("Admin")).click();
        Pages.await(browser).until(ExpectedConditions.urlContains("/admin"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Replay").contains("API tokens").contains("Audit log");
        Screenshots.save(browser, "dashboard-admin");
    }

    @Test
    void theBoardFitsAPhone(Stack stack, @Phone WebDriver phone) {
        stack.incidentApi(Login.ONCALL).declareIncident("Admin UI button misaligned", "SEV4", "admin-ui");
        Pages.loginAs(phone, Login.ONCALL);
        Pages.await(phone).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.row")));
        Object overflow = ((JavascriptExecutor) phone).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        assertThat(overflow).as("no sideways scrolling").isEqualTo(false);
        Screenshots.save(phone, "dashboard-board-phone");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
