package io.incidents.demo;

import java.util.List;

/**
 * A kind of incident the organisation has (SPEC section 7's common scenarios), with what people
 * wrote about it: titles, public status texts, causes, fixes and follow-ups. The history draws
 * its incidents from these.
 *
 * @param variants   its titles, each with the services it concerns
 * @param frequency  how often it happens, relative to the others
 * @param severities weights of SEV1..SEV4 for it
 * @param rollback   the chance that a responder rolled back
 * @param procedures the rollback procedures it calls for, one letter per equally likely pick (e.g. "AAC")
 */
record Kind(String key, int frequency, double[] severities, List<Variant> variants, String description,
            String publicImpact, String identified, double rollback, String procedures, List<String> rootCauses,
            List<String> resolutions, List<String> actionItems) {

    /** A title and the services it concerns, the first one primary. */
    record Variant(String title, List<String> services) {
    }

    private static Variant v(String title, String... services) {
        return new Variant(title, List.of(services));
    }

    static final List<Kind> ALL = List.of(
            new Kind("checkout-errors", 8, new double[] {0.15, 0.45, 0.35, 0.05},
                    List.of(v("Checkout error rate above 10%", "checkout"), v("HTTP 500 on /pay after deploy", "checkout", "payments"),
                            v("Checkout failing for card payments", "checkout", "payments")),
                    "Error rate on the checkout API rose sharply right after a deployment.", "Some customers cannot complete checkout.",
                    "We identified a faulty release of the checkout service and are rolling it back.", 0.75, "AAAC",
                    List.of("A release changed the payment token refresh and broke card payments.",
                            "An unreviewed configuration change pointed checkout at a stale pricing cache."),
                    List.of("Rolled back checkout to the previous release; error rate back to baseline.",
                            "Reverted the configuration change; checkout healthy."),
                    List.of("Add a canary stage to checkout deployments", "Alert on checkout error rate per payment method",
                            "Add a contract test for the payment token API")),
            new Kind("login-failures", 5, new double[] {0.25, 0.4, 0.3, 0.05},
                    List.of(v("Logins failing for some users", "auth"), v("All logins failing", "auth"),
                            v("SSO callback errors", "auth", "web")),
                    "Users report that logging in fails with an error page.", "Some customers cannot log in.",
                    "We found the cause of the login failures and are fixing it.", 0.5, "AB",
                    List.of("A session-store migration dropped the index on session ids.",
                            "An expired signing certificate on the identity provider."),
                    List.of("Restored the session index; logins succeed again.", "Rotated the certificate; logins work."),
                    List.of("Monitor certificate expiry 30 days ahead", "Run migrations against a production-sized copy first")),
            new Kind("db-pool", 6, new double[] {0.1, 0.5, 0.35, 0.05},
                    List.of(v("Database connection pool exhausted on billing-api", "billing"),
                            v("Orders database connections saturated", "orders", "checkout")),
                    "Requests time out waiting for a database connection.", "Some invoices and orders are delayed.",
                    "A slow query is holding database connections; we are rolling back the change that introduced it.",
                    0.45, "BBA",
                    List.of("A migration added a query without an index; it held connections for seconds.",
                            "Connection leak in the new retry logic."),
                    List.of("Rolled back the release and its migration; pool usage normal.",
                            "Deployed the leak fix; connections released."),
                    List.of("Add the missing index and a query-time budget test", "Alert at 80% pool usage")),
            new Kind("latency", 9, new double[] {0.02, 0.2, 0.55, 0.23},
                    List.of(v("API latency p99 above 3 s", "api-gateway"), v("Search responses slow", "search"),
                            v("Timeouts on the mobile API", "mobile-api", "api-gateway")),
                    "Response times are well above baseline.", "Some pages load slowly.",
                    "We identified an overloaded node and are moving traffic away from it.", 0.3, "AC",
                    List.of("A noisy neighbour saturated one node's disk.", "Cache hit rate dropped after a key format change."),
                    List.of("Moved traffic off the node; latency back to baseline.", "Warmed the cache; latency normal."),
                    List.of("Spread the search index over more nodes", "Load-test cache key changes")),
            new Kind("memory-leak", 5, new double[] {0.03, 0.3, 0.5, 0.17},
                    List.of(v("OOM kills on notifications", "notifications"), v("Chat workers restarting every few minutes", "chat")),
                    "Pods are killed for exceeding their memory limit and restart in a loop.", "Some notifications are delayed.",
                    "A memory leak in the latest release causes restarts; rolling back.", 0.55, "AC",
                    List.of("A listener registered per request was never removed.", "An unbounded in-memory cache."),
                    List.of("Rolled back; memory flat for an hour.", "Bounded the cache; no more restarts."),
                    List.of("Add a heap-growth alert", "Soak-test releases for an hour before rollout")),
            new Kind("provider-down", 4, new double[] {0.1, 0.5, 0.35, 0.05},
                    List.of(v("Payment provider timeouts", "payments", "checkout"), v("AI API provider returning 503", "assistant")),
                    "An external provider times out or refuses requests.", "Some payments take longer than usual.",
                    "The cause is an outage at one of our providers; we switched to the secondary one.", 0.0, "",
                    List.of("Outage at the payment provider.", "The AI provider's region failed."),
                    List.of("Switched to the secondary provider; provider recovered.", "Provider recovered; fallbacks off."),
                    List.of("Automate the switch to the secondary provider", "Ask the provider for an incident report")),
            new Kind("security", 2, new double[] {0.55, 0.4, 0.05, 0.0},
                    List.of(v("Brute-force login attempts from one network", "auth"),
                            v("Unauthorised access to the admin API", "admin-api", "auth")),
                    "Security monitoring flagged unusual access.", "Some services are temporarily unavailable.",
                    "We have taken the affected services offline as a precaution while we investigate.", 0.9, "D",
                    List.of("A leaked API token in a public CI log.", "Credential stuffing against accounts without MFA."),
                    List.of("Rotated every token, blocked the network, services back online.",
                            "Forced password resets and rate limits; services back online."),
                    List.of("Scan CI logs for secrets", "Require MFA for admin accounts", "Rate-limit logins per network")),
            new Kind("data-corruption", 1, new double[] {0.4, 0.5, 0.1, 0.0},
                    List.of(v("Duplicate invoices written", "billing"), v("Order totals wrong after migration", "orders", "billing")),
                    "Data written since the last release is inconsistent.", "Some invoices show wrong amounts; we are correcting them.",
                    "We stopped the writers and are restoring the affected data.", 0.95, "DB",
                    List.of("A retried job was not idempotent.", "A migration rounded amounts twice."),
                    List.of("Restored the data and made the job idempotent.", "Corrected the amounts; migration reverted."),
                    List.of("Make every billing job idempotent", "Reconcile invoices daily")),
            new Kind("email-delayed", 6, new double[] {0.0, 0.1, 0.6, 0.3},
                    List.of(v("Email delivery delayed", "email"), v("Password-reset emails arriving late", "email", "auth")),
                    "The outgoing mail queue is growing.", "Emails may arrive late.",
                    "Our email relay is throttling us; we are draining the queue.", 0.1, "C",
                    List.of("The SMTP relay throttled our sending quota.", "A bounce storm filled the queue."),
                    List.of("Quota raised; queue drained.", "Suppressed the bouncing addresses; queue drained."),
                    List.of("Alert on mail queue age", "Split transactional and bulk mail")),
            new Kind("analytics-stale", 5, new double[] {0.0, 0.05, 0.6, 0.35},
                    List.of(v("Analytics dashboards stale", "analytics"), v("Nightly export missing", "analytics")),
                    "Analytics have not updated since last night.", "Reports are out of date.",
                    "The nightly pipeline failed; we are re-running it.", 0.1, "C",
                    List.of("The export job ran out of disk.", "A schema change broke the loader."),
                    List.of("Re-ran the pipeline; dashboards current.", "Fixed the loader; data back-filled."),
                    List.of("Alert when the nightly export is late")),
            new Kind("cosmetic", 9, new double[] {0.0, 0.0, 0.05, 0.95},
                    List.of(v("Admin UI button misaligned", "admin-ui"), v("Wrong date format in the account page", "web"),
                            v("Typo in the checkout footer", "web")),
                    "Visual defect reported by support.", "A display issue affects some pages.",
                    "We found the styling change that caused it.", 0.05, "C",
                    List.of("A CSS change did not account for Safari.", "A locale file was missing a key."),
                    List.of("Fixed in the next release.", "Hotfix deployed."),
                    List.of("Add a visual regression check for Safari")),
            new Kind("log-errors", 7, new double[] {0.0, 0.0, 0.1, 0.9},
                    List.of(v("Minor logging errors in the search service", "search"),
                            v("Warnings flood in the gateway logs", "api-gateway")),
                    "Logs show a new recurring error without user impact.", "No customer impact is expected.",
                    "We found the code path that logs the error.", 0.0, "",
                    List.of("A deprecated client logs a warning per request.", "A health check hit a removed endpoint."),
                    List.of("Fixed the log level; noise gone.", "Removed the stale health check."),
                    List.of("Review log levels in the release checklist")),
            new Kind("chat-down", 5, new double[] {0.05, 0.55, 0.35, 0.05},
                    List.of(v("Chat messages not delivered", "chat"), v("Chat down in one region", "chat")),
                    "Messages are accepted but not delivered.", "Some chat messages are delayed.",
                    "A faulty release of the chat gateway is the cause; rolling back.", 0.55, "ACC",
                    List.of("A protocol change in the chat gateway broke older clients.", "A broker partition lost its leader."),
                    List.of("Rolled back the chat gateway; messages delivered.", "Broker recovered; backlog delivered."),
                    List.of("Keep the chat gateway compatible with the last two client versions"))
    );
}
