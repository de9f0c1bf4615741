package io.incidents.bench;

/** What a request sends as its {@code Authorization} header: an HTTP Basic login or an API token. */
interface Credentials {

    String header();
}
