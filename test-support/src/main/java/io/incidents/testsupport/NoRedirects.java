package io.incidents.testsupport;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.NoOpResponseErrorHandler;
import org.springframework.web.client.RestTemplate;

import java.net.http.HttpClient;

/**
 * A client that takes each answer as it is, errors included, and never follows a redirect: a
 * page that sends a caller to its login form is answering, and following it would leave the
 * service for the identity provider.
 */
public final class NoRedirects {

    private NoRedirects() {
    }

    public static RestTemplate restTemplate() {
        RestTemplate template = new RestTemplate(new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()));
        template.setErrorHandler(new NoOpResponseErrorHandler());
        return template;
    }
}
