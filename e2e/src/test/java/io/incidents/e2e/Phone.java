package io.incidents.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** On a {@link org.openqa.selenium.WebDriver} parameter of an {@link EndToEnd} test: a phone-sized browser ({@link Chromium#PHONE}). */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Phone {
}
