package io.incidents.e2e;

/** The stack's three local logins (README, "Identity"): the same for the browser form and for HTTP Basic. */
public enum Login {
    ONCALL("oncall", "oncall", "RESPONDER"),
    SUPPORT("support", "support", "VIEWER"),
    ADMIN("admin", "admin", "ADMIN");

    private final String username;
    private final String password;
    private final String role;

    Login(String username, String password, String role) {
        this.username = username;
        this.password = password;
        this.role = role;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The role local-auth and the services give this login. */
    public String role() {
        return role;
    }
}
