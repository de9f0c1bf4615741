package io.incidents.browsersession;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The identity provider's login form as a browser sees it: where it posts to, the fields for the
 * user name and password, and the hidden ones it must send back (the CSRF token).
 *
 * @param action        absolute: resolved against the page the form came from
 * @param usernameField the text field's name ({@code username} for Spring Security's form)
 * @param passwordField the password field's name
 * @param hidden        every hidden field, in page order
 */
public record LoginForm(URI action, String usernameField, String passwordField, Map<String, String> hidden) {

    private static final Pattern FORM = Pattern.compile("<form(\\s[^>]*)?>(.*?)</form\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** The hidden fields are kept in page order and cannot be changed afterwards. */
    public LoginForm {
        hidden = Collections.unmodifiableMap(new LinkedHashMap<>(hidden));
    }

    /** The form on {@code page} that asks for a password; fails if there is none (an error page, a page already logged in). */
    public static LoginForm parse(String html, URI page) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = HtmlTags.attributes(form.group(1) == null ? "" : form.group(1));
            List<Map<String, String>> inputs = HtmlTags.find(form.group(2), "input");
            String password = nameOfFirst(inputs, "password");
            if (password == null) {
                continue;
            }
            if (!"post".equalsIgnoreCase(attributes.getOrDefault("method", "get"))) {
                throw new IllegalArgumentException("the login form on " + page + " does not post");
            }
            String username = inputs.stream()
                    .filter(input -> "username".equals(input.get("name")))
                    .findFirst()
                    .map(input -> input.get("name"))
                    .orElseGet(() -> nameOfFirst(inputs, "text", "email"));
            if (username == null) {
                throw new IllegalArgumentException("the login form on " + page + " has no user name field");
            }
            Map<String, String> hidden = new LinkedHashMap<>();
            inputs.stream()
                    .filter(input -> "hidden".equals(type(input)) && input.containsKey("name"))
                    .forEach(input -> hidden.put(input.get("name"), input.getOrDefault("value", "")));
            String action = attributes.getOrDefault("action", "");
            return new LoginForm(action.isEmpty() ? page : page.resolve(action), username, password, hidden);
        }
        throw new IllegalArgumentException("no login form on " + page);
    }

    /** The form's fields as {@code application/x-www-form-urlencoded}: the hidden ones, then the login. */
    public String body(String username, String password) {
        Map<String, String> fields = new LinkedHashMap<>(hidden);
        fields.put(usernameField, username);
        fields.put(passwordField, password);
        return fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String nameOfFirst(List<Map<String, String>> inputs, String... types) {
        List<String> wanted = List.of(types);
        return inputs.stream()
                .filter(input -> wanted.contains(type(input)) && input.containsKey("name"))
                .map(input -> input.get("name"))
                .findFirst()
                .orElse(null);
    }

    private static String type(Map<String, String> input) {
        return input.getOrDefault("type", "text").toLowerCase(Locale.ROOT);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
