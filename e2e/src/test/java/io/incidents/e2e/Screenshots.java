package io.incidents.e2e;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Screenshots of what the browser shows (its viewport). Always written to
 * {@code e2e/target/screenshots/NAME.png}; also to {@code docs/screenshots/NAME.png}, the ones the
 * README shows, only when the run asks for it with {@code -Dscreenshots.update=true}.
 */
public final class Screenshots {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private Screenshots() {
    }

    /** Saves the browser's viewport as NAME.png (lower case, digits and dashes) and returns the file in target/. */
    public static Path save(WebDriver driver, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a screenshot's name is lower case letters, digits and dashes: " + name);
        }
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path file = write(target().resolve(name + ".png"), png);
        if (Boolean.getBoolean("screenshots.update")) {
            Path docs = write(docs().resolve(name + ".png"), png);
            Stack.log("screenshot %s updated", docs);
        }
        return file;
    }

    /** A screenshot of a failed test, in target/screenshots/failures/ only. */
    static Path saveFailure(WebDriver driver, String name) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        return write(target().resolve("failures").resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png"), png);
    }

    static Path target() {
        return Path.of(System.getProperty("e2e.target", "target")).resolve("screenshots");
    }

    static Path docs() {
        return Path.of(System.getProperty("e2e.repository", "..")).toAbsolutePath().normalize().resolve("docs").resolve("screenshots");
    }

    private static Path write(Path file, byte[] png) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
