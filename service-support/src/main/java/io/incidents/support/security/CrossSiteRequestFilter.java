package io.incidents.support.security;

import io.incidents.support.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Refuses state-changing requests that a browser marks as coming from another site
 * ({@code Sec-Fetch-Site: cross-site}). The API keeps no session and never asks a browser for a
 * password, so no credential rides along with a forged request anyway; this closes the door for
 * a browser that has cached Basic credentials for some other reason. Programs send no
 * {@code Sec-Fetch-Site} and are not affected.
 */
public final class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ProblemWriter problems;

    public CrossSiteRequestFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE_METHODS.contains(request.getMethod()) && "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            problems.write(response, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "Requests that change something are not accepted from another site."));
            return;
        }
        chain.doFilter(request, response);
    }
}
