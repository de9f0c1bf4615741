package io.incidents.notificationservice.oncall;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param checklist a Markdown file that replaces the shipped on-call checklists ({@code oncall/checklist.md}),
 *                  read at start-up; empty for the shipped one
 */
@ConfigurationProperties("notifications.oncall")
public record OnCallProperties(String checklist) {
}
