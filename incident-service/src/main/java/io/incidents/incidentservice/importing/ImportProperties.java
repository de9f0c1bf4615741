package io.incidents.incidentservice.importing;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The import of past incidents ({@code POST /api/v1/admin/imports}). The body's size in bytes is
 * capped by {@code incidents.http.max-request-size-by-path}.
 *
 * @param maxIncidents         incidents one request may hold, else 413 and nothing is imported
 * @param maxStepsPerIncident  steps one incident may have, else 400
 */
@ConfigurationProperties("incidents.imports")
@Validated
public record ImportProperties(
        @DefaultValue("1000") @Min(1) int maxIncidents,
        @DefaultValue("500") @Min(1) int maxStepsPerIncident) {
}
