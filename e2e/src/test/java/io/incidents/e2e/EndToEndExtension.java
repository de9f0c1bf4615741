package io.incidents.e2e;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.WebDriver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link EndToEnd} brings: checks for the browser, starts the stack once for the whole run
 * (kept in the root context's store, so JUnit closes it when the last test class is done), and
 * hands out browsers that are quit after each test.
 */
final class EndToEndExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver, AfterTestExecutionCallback {

    static final String INSTALL = "apt-get install chromium chromium-driver";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EndToEndExtension.class);
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();

    /**
     * Without a browser each test is disabled, so that the build reports them as skipped, with the
     * reason; except with {@code CI=true}, where {@link #beforeAll} fails them instead.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = Chromium.missing();
        if (missing.isEmpty() || ci() || context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are there, or CI=true");
        }
        String message = "browser tests skipped: " + missing.get() + ". Install them with: " + INSTALL;
        if (SKIP_REPORTED.compareAndSet(false, true)) {
            Stack.log("%s", message);
        }
        return ConditionEvaluationResult.disabled(message);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> missing = Chromium.missing();
        if (missing.isPresent()) {
            if (ci()) {
                throw new IllegalStateException("CI=true and the browser tests cannot run: " + missing.get()
                        + ". Install them (" + INSTALL + "; .ci/run does when they are missing).");
            }
            return;
        }
        context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningStack.class, key -> RunningStack.start(), RunningStack.class)
                .stack();
    }

    private static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == Stack.class || type == WebDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Stack.class) {
            return Stack.running();
        }
        if (type == WebDriver.class) {
            WebDriver driver = parameter.isAnnotated(Phone.class) ? Chromium.phone() : Chromium.desktop();
            browsers(extension).add(driver);
            return driver;
        }
        throw new ParameterResolutionException("not an end-to-end parameter: " + type);
    }

    /** A failed test leaves a screenshot of each of its browsers, before they are quit. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        List<WebDriver> browsers = browsers(context);
        for (int i = 0; i < browsers.size(); i++) {
            String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                    + (browsers.size() > 1 ? "-" + (i + 1) : "");
            try {
                Path file = Screenshots.saveFailure(browsers.get(i), name);
                Stack.log("screenshot of the failed test: %s (at %s)", file, browsers.get(i).getCurrentUrl());
            } catch (RuntimeException e) {
                Stack.log("no screenshot of the failed test %s: %s", name, e);
            }
        }
    }

    /** The browsers of one test method, quit when JUnit closes the method's store. */
    private static List<WebDriver> browsers(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Browsers.class, key -> new Browsers(), Browsers.class).open;
    }

    private static final class Browsers implements ExtensionContext.Store.CloseableResource {
        private final List<WebDriver> open = new ArrayList<>();

        @Override
        public void close() {
            open.forEach(Chromium::quit);
        }
    }

    /**
     * The one stack of the run, or why it did not start: a failed start is not retried by every
     * later test class (each try would wait minutes), each fails at once with the first cause.
     */
    private record RunningStack(Stack started, RuntimeException failure) implements ExtensionContext.Store.CloseableResource {

        static RunningStack start() {
            Path repository = Path.of(System.getProperty("e2e.repository", "..")).toAbsolutePath().normalize();
            Path target = Path.of(System.getProperty("e2e.target", "target")).toAbsolutePath().normalize();
            try {
                return new RunningStack(Stack.start(repository, target), null);
            } catch (RuntimeException e) {
                return new RunningStack(null, e);
            }
        }

        Stack stack() {
            if (failure != null) {
                throw new IllegalStateException("the stack did not start: " + failure.getMessage(), failure);
            }
            return started;
        }

        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }
}
