package io.incidents.timelineservice.postmortem;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param agenda a Markdown file that replaces the shipped post-mortem meeting agenda
 *               ({@code postmortem/agenda.md}), read at start-up; unset: the shipped one
 */
@ConfigurationProperties("incidents.postmortem")
public record PostMortemProperties(String agenda) {
}
