package io.incidents.incidentservice.alerting;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes {@code key} out of the query string of the alert endpoints before anything else sees the
 * request: Spring Security's and Spring MVC's debug logs print the request line with its query,
 * and error handling may echo it. The key goes on as a request attribute, for the one endpoint
 * that accepts it there (Grafana) and for the others to refuse it.
 */
class QueryKeyFilter extends OncePerRequestFilter {

    static final String QUERY_KEY = QueryKeyFilter.class.getName() + ".key";
    private static final String PARAMETER = "key";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = null;
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (!PARAMETER.equals(name)) {
                kept.add(pair);
            } else if (key == null) {
                key = equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(QUERY_KEY, key);
        chain.doFilter(new WithoutKey(request, kept.isEmpty() ? null : String.join("&", kept)), response);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a stray '%': taken as it stands
        }
    }

    /** The request as if its query string had no key. */
    private static final class WithoutKey extends HttpServletRequestWrapper {
        private final String query;

        WithoutKey(HttpServletRequest request, String query) {
            super(request);
            this.query = query;
        }

        @Override
        public String getQueryString() {
            return query;
        }

        @Override
        public String getParameter(String name) {
            return PARAMETER.equals(name) ? null : super.getParameter(name);
        }

        @Override
        public String[] getParameterValues(String name) {
            return PARAMETER.equals(name) ? null : super.getParameterValues(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
            parameters.remove(PARAMETER);
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }
    }
}
