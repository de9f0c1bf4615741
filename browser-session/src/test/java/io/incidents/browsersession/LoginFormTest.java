package io.incidents.browsersession;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginFormTest {

    private static final URI LOGIN_PAGE = URI.create("http://localhost:8084/login");

    @Test
    void readsTheLocalIdentityProvidersFormAsItIsServed() throws IOException {
        LoginForm form = LoginForm.parse(resource("local-auth-login.html"), LOGIN_PAGE);

        assertThat(form.action()).isEqualTo(URI.create("http://localhost:8084/login"));
        assertThat(form.usernameField()).isEqualTo("username");
        assertThat(form.passwordField()).isEqualTo("password");
        assertThat(form.hidden()).containsExactly(org.assertj.core.api.Assertions.entry("_csrf", "XmYG0PcbAtezlQDX-kL_4hz9YFtX6s5Z"));
    }

    @Test
    void sendsBackTheHiddenFieldsWithTheLoginFormEncoded() {
        LoginForm form = LoginForm.parse("""
                <form method="post" action="/login"><input type="hidden" name="_csrf" value="a+b/c=">
                <input name="username"><input type="password" name="password"></form>""", LOGIN_PAGE);

        assertThat(form.body("support", "p&ss wörd")).isEqualTo("_csrf=a%2Bb%2Fc%3D&username=support&password=p%26ss+w%C3%B6rd");
    }

    @Test
    void findsTheFormThatAsksForAPasswordWhateverTheMarkupStyle() {
        String page = """
                <FORM action='/search'><input name=q></FORM>
                <form class="login"
                      METHOD="POST" action="sign-in?next=%2F&amp;x=1">
                  <input value="t&#39;k&amp;n" type="HIDDEN" name="token" />
                  <input type='email' name='user' autofocus required>
                  <input name=secret type=password>
                  <input type="checkbox" name="remember-me">
                </form>""";

        LoginForm form = LoginForm.parse(page, URI.create("http://localhost:8084/auth/login"));

        assertThat(form.action()).isEqualTo(URI.create("http://localhost:8084/auth/sign-in?next=%2F&x=1"));
        assertThat(form.usernameField()).isEqualTo("user");
        assertThat(form.passwordField()).isEqualTo("secret");
        assertThat(form.hidden()).containsExactly(org.assertj.core.api.Assertions.entry("token", "t'k&n"));
    }

    @Test
    void aFormWithoutActionPostsToThePageItself() {
        LoginForm form = LoginForm.parse("<form method=post><input type=text name=username><input type=password name=password></form>",
                LOGIN_PAGE);

        assertThat(form.action()).isEqualTo(LOGIN_PAGE);
    }

    @Test
    void aPageWithoutALoginFormIsNotTakenForOne() {
        assertThatThrownBy(() -> LoginForm.parse("<html><title>Board · Incidents</title><form method=post action=/logout>"
                + "<input type=hidden name=_csrf value=x></form></html>", LOGIN_PAGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no login form");
        assertThatThrownBy(() -> LoginForm.parse("<form action=/login><input name=username><input type=password name=password></form>",
                LOGIN_PAGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not post");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LoginFormTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
