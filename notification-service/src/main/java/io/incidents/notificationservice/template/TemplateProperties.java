package io.incidents.notificationservice.template;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dir a folder of {@code <name>.mustache} files that replace the shipped defaults of the same
 *            name (read at start-up); unset: the defaults only
 */
@ConfigurationProperties("notifications.templates")
public record TemplateProperties(String dir) {
}
