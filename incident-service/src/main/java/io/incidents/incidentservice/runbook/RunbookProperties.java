package io.incidents.incidentservice.runbook;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dir a folder of {@code <type>.md} runbooks that replace the shipped ones of the same type
 *            and add new types; none by default
 */
@ConfigurationProperties("incidents.runbooks")
public record RunbookProperties(String dir) {
}
