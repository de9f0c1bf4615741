package io.incidents.timelineservice.postmortem;

import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One generator for the API and the dashboard: the same events give the same document everywhere. */
@Configuration(proxyBeanMethods = false)
class PostMortemConfiguration {

    @Bean
    PostMortemGenerator postMortemGenerator(SlaPolicy slaPolicy, RollbackDurations rollbackDurations,
                                            PostMortemProperties properties) {
        return new PostMortemGenerator(slaPolicy, rollbackDurations, PostMortemAgenda.of(properties.agenda()));
    }
}
