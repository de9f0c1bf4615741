package io.incidents.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;

/**
 * What most browser tests do first: log in through local-auth's form, and wait for what a page
 * shows (never sleep). Waits last {@code -De2e.wait-seconds} (default 15 s): long enough for a
 * page on a busy 2-core machine, short enough for a failure to come soon.
 */
public final class Pages {

    public static final Duration WAIT = Duration.ofSeconds(Long.getLong("e2e.wait-seconds", 15));

    /** local-auth's login form (local-auth's {@code Pages.login}). */
    public static final By USERNAME = By.id("username");
    public static final By PASSWORD = By.id("password");
    public static final By SIGN_IN = By.cssSelector("form button[type=submit]");
    /** The message local-auth shows above the form after wrong credentials. */
    public static final By LOGIN_ERROR = By.cssSelector("p.message.error");

    private Pages() {
    }

    /** A wait of {@link #WAIT} on this browser: {@code Pages.await(driver).until(...)}. */
    public static WebDriverWait await(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    /** Logs in as one of the stack's logins: see {@link #loginAs(WebDriver, String, String)}. */
    public static void loginAs(WebDriver driver, Login login) {
        loginAs(driver, login.username(), login.password());
    }

    /**
     * Opens the dashboard in a browser that is not logged in yet, which sends it to local-auth's
     * login form; fills in the form, and waits until the browser is back on timeline-service,
     * after the OpenID Connect redirects. Fails at once if local-auth refuses the credentials.
     */
    public static void loginAs(WebDriver driver, String username, String password) {
        Stack stack = Stack.running();
        driver.get(stack.dashboard().toString());
        awaitLoginForm(driver);
        driver.findElement(USERNAME).sendKeys(username);
        driver.findElement(PASSWORD).sendKeys(password);
        driver.findElement(SIGN_IN).click();
        try {
            await(driver).until(backOn(stack.timelineService(), username));
        } catch (TimeoutException e) {
            throw new AssertionError("expected to be back on timeline-service (" + stack.timelineService()
                    + ") within " + WAIT.toSeconds() + " s of logging in as " + username + ", but the browser shows "
                    + driver.getCurrentUrl() + " (\"" + driver.getTitle() + "\")", e);
        }
    }

    /**
     * Waits until the browser shows local-auth's login form; if it does not, the failure says
     * where the browser is instead (a browser already logged in goes straight to the dashboard).
     */
    public static void awaitLoginForm(WebDriver driver) {
        Stack stack = Stack.running();
        try {
            await(driver).until(browser -> isOn(browser, stack.auth())
                    && URI.create(browser.getCurrentUrl()).getPath().equals("/login")
                    && !browser.findElements(USERNAME).isEmpty());
        } catch (TimeoutException e) {
            throw new AssertionError("expected local-auth's login form at " + stack.auth().resolve("/login")
                    + " within " + WAIT.toSeconds() + " s, but the browser shows " + driver.getCurrentUrl()
                    + " (\"" + driver.getTitle() + "\")", e);
        }
    }

    /** Whether the browser's current page is at this origin (scheme, host and port). */
    public static boolean isOn(WebDriver driver, URI origin) {
        URI current = URI.create(driver.getCurrentUrl());
        return origin.getScheme().equals(current.getScheme()) && origin.getHost().equals(current.getHost())
                && origin.getPort() == current.getPort();
    }

    private static ExpectedCondition<Boolean> backOn(URI timelineService, String username) {
        return browser -> {
            if (!browser.findElements(LOGIN_ERROR).isEmpty()) {
                throw new IllegalStateException("local-auth refused the login of " + username + ": "
                        + browser.findElement(LOGIN_ERROR).getText());
            }
            return isOn(browser, timelineService) && !browser.getCurrentUrl().contains("/login/oauth2/");
        };
    }
}
