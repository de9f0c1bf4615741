package io.incidents.localauth;

/**
 * The product's roles (SPEC section 9). A token carries the name as it is here; the services
 * ignore names they do not know, so a typo in configuration is refused at start-up instead.
 */
public enum Role {
    VIEWER, RESPONDER, ADMIN, METRICS
}
