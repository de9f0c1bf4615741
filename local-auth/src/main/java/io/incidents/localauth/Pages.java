package io.incidents.localauth;

import org.springframework.web.util.HtmlUtils;

/**
 * The two small pages people see here, as plain HTML with inline styles: no template engine, no
 * script, nothing fetched from elsewhere. Every value put in is escaped.
 */
final class Pages {

    private static final String LAYOUT = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} · Incident tracking (local)</title>
            <style>
              body { margin: 0; min-height: 100vh; display: grid; place-items: center;
                     font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                     background: #f3f4f6; color: #111827; }
              main { width: min(22rem, 90vw); background: #fff; border: 1px solid #e5e7eb;
                     border-radius: 10px; padding: 2rem; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
              h1 { font-size: 1.25rem; margin: 0; }
              .sub { margin: .25rem 0 1.5rem; color: #6b7280; font-size: .875rem; }
              label { display: block; font-weight: 600; font-size: .875rem; margin: 1rem 0 .25rem; }
              input[type=text], input[type=password] { box-sizing: border-box; width: 100%; padding: .55rem .7rem;
                     border: 1px solid #d1d5db; border-radius: 6px; font: inherit; }
              input:focus { outline: 2px solid #2563eb; outline-offset: 1px; }
              button { margin-top: 1.5rem; width: 100%; padding: .6rem; border: 0; border-radius: 6px;
                       background: #1d4ed8; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
              button:hover { background: #1e40af; }
              .message { padding: .6rem .8rem; border-radius: 6px; font-size: .875rem; margin-bottom: .5rem; }
              .error { background: #fef2f2; color: #991b1b; border: 1px solid #fecaca; }
              .info { background: #eff6ff; color: #1e3a8a; border: 1px solid #bfdbfe; }
              .note { margin: 1.5rem 0 0; color: #6b7280; font-size: .8rem; }
              a { color: #1d4ed8; }
            </style>
            </head>
            <body>
            <main>
            <h1>Incident tracking</h1>
            <p class="sub">Local identity provider</p>
            {{body}}
            <p class="note">For the local stack only: these logins are known to everyone.</p>
            </main>
            </body>
            </html>
            """;

    private Pages() {
    }

    enum Notice { NONE, FAILED, SIGNED_OUT }

    static String login(Notice notice, String csrfParameter, String csrfToken) {
        String message = switch (notice) {
            case FAILED -> "<p class=\"message error\" role=\"alert\">Wrong user name or password.</p>";
            case SIGNED_OUT -> "<p class=\"message info\" role=\"status\">You have signed out.</p>";
            case NONE -> "";
        };
        String body = message + """
                <form method="post" action="%s">
                <label for="username">User name</label>
                <input type="text" id="username" name="username" autocomplete="username" required autofocus>
                <label for="password">Password</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required>
                %s
                <button type="submit">Sign in</button>
                </form>
                """.formatted(SecurityConfiguration.LOGIN_PAGE, csrfField(csrfParameter, csrfToken));
        return page("Sign in", body);
    }

    static String signedIn(String username, String roles, String csrfParameter, String csrfToken) {
        String body = """
                <p>Signed in as <strong>%s</strong> (%s).</p>
                <p>Applications of the local stack send you here to sign in; there is nothing else to do here.
                Their settings come from <a href="/.well-known/openid-configuration">the discovery document</a>.</p>
                <form method="post" action="/logout">
                %s
                <button type="submit">Sign out</button>
                </form>
                """.formatted(escape(username), escape(roles), csrfField(csrfParameter, csrfToken));
        return page("Signed in", body);
    }

    private static String csrfField(String parameter, String token) {
        return "<input type=\"hidden\" name=\"" + escape(parameter) + "\" value=\"" + escape(token) + "\">";
    }

    private static String page(String title, String body) {
        return LAYOUT.replace("{{title}}", escape(title)).replace("{{body}}", body);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
