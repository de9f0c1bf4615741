package io.incidents.browsersession;

/**
 * A login through the dashboard's identity provider did not end on the page asked for. The message
 * names the step that went wrong ({@link #step()}), the request's URL and the status it answered
 * (or that it got no answer), so a failed run says where to look.
 */
public final class LoginFailed extends RuntimeException {

    /** Opening the page asked for without a session: it should lead to the provider's login form. */
    public static final String OPEN = "open the page";
    /** Reading the provider's login form from the page the redirects ended on. */
    public static final String READ_FORM = "read the login form";
    /** Posting the form and following the redirects back: the provider must accept the login. */
    public static final String SUBMIT = "submit the login form";
    /** The page the redirects ended on must be the page asked for, and the one expected there. */
    public static final String LAND = "land on the page";

    private final String step;

    LoginFailed(String step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /** One of {@link #OPEN}, {@link #READ_FORM}, {@link #SUBMIT} and {@link #LAND}. */
    public String step() {
        return step;
    }
}
