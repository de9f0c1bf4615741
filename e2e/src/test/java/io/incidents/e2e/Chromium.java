package io.incidents.e2e;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by
 * Selenium. Both are named explicitly ({@code -De2e.chromium}, {@code -De2e.chromedriver}; default
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}): Selenium Manager cannot download
 * browsers here.
 */
public final class Chromium {

    /** The desktop window: the dashboard must read well at 1280 px. */
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    /** A phone (390 x 844 CSS pixels, touch, mobile viewport). */
    public static final Dimension PHONE = new Dimension(390, 844);

    private static final Set<WebDriver> OPEN = ConcurrentHashMap.newKeySet();

    static {
        // A browser left open by a test that never got to quit it (the JVM exiting) is closed too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(Chromium::quitQuietly), "e2e-chromium-quit"));
    }

    private Chromium() {
    }

    static Path browser() {
        return Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    }

    static Path driver() {
        return Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));
    }

    /** What is missing to run a browser, or empty when Chromium and its driver are both there. */
    static Optional<String> missing() {
        StringBuilder missing = new StringBuilder();
        if (!Files.isExecutable(browser())) {
            missing.append("no Chromium at ").append(browser()).append(" (-De2e.chromium)");
        }
        if (!Files.isExecutable(driver())) {
            missing.append(missing.isEmpty() ? "" : "; ").append("no chromedriver at ").append(driver())
                    .append(" (-De2e.chromedriver)");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(missing.toString());
    }

    /** A desktop browser window (1280 x 900). Quit it when done (the {@link EndToEnd} parameter does). */
    public static WebDriver desktop() {
        ChromeOptions options = options();
        options.addArguments("--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        WebDriver driver = open(options);
        // Headless Chromium still takes room for a toolbar from the window: grow the window so that
        // the page itself (and so every screenshot) gets the full 1280 x 900.
        Object toolbar = ((JavascriptExecutor) driver).executeScript("return window.outerHeight - window.innerHeight;");
        if (toolbar instanceof Long height && height > 0) {
            driver.manage().window().setSize(new Dimension(DESKTOP.width, DESKTOP.height + height.intValue()));
        }
        return driver;
    }

    /** A phone: Chrome's mobile emulation at {@link #PHONE}, so the page's viewport meta and media queries apply. */
    public static WebDriver phone() {
        ChromeOptions options = options();
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", PHONE.width, "height", PHONE.height, "pixelRatio", 2.0, "mobile", true, "touch", true)));
        return open(options);
    }

    private static ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().toFile());
        options.addArguments("--headless=new", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US",
                "--no-first-run", "--no-default-browser-check");
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to start its sandbox as root.
            options.addArguments("--no-sandbox");
        }
        return options;
    }

    private static WebDriver open(ChromeOptions options) {
        Path target = Path.of(System.getProperty("e2e.target", "target"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().toFile())
                .usingAnyFreePort()
                .withLogFile(target.resolve("chromedriver.log").toFile())
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        OPEN.add(driver);
        return driver;
    }

    /** Quits a browser opened here; safe to call twice. */
    public static void quit(WebDriver driver) {
        if (OPEN.remove(driver)) {
            quitQuietly(driver);
        }
    }

    private static void quitQuietly(WebDriver driver) {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            Stack.log("could not quit a browser: %s", e);
        }
    }
}
