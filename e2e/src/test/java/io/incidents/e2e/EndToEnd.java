package io.incidents.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An end-to-end test class (name it {@code *IT} so that failsafe runs it in {@code mvn verify}):
 * the whole stack, started once for every such class in the run, and headless Chromium. Test
 * methods may take a {@link Stack} parameter and {@link org.openqa.selenium.WebDriver} parameters
 * (a fresh desktop browser each, or a phone with {@link Phone}), quit after the test, with a
 * screenshot in {@code target/screenshots/failures/} when the test fails.
 *
 * <p>Without Chromium and chromedriver every such test is skipped with a message saying how to
 * install them, except with {@code CI=true}, where that fails the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("e2e")
@ExtendWith(EndToEndExtension.class)
public @interface EndToEnd {
}
