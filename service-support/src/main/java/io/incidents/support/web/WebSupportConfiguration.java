package io.incidents.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/** Problem answers and body limits; before Spring MVC's own problem handler, which then backs off. */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@EnableConfigurationProperties(HttpLimitsProperties.class)
@Import(ProblemDetailsAdvice.class)
public class WebSupportConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer noNulStrings() {
        return builder -> builder.modulesToInstall(modules -> modules.add(NoNulStrings.module()));
    }

    @Bean
    ProblemWriter problemWriter(ObjectMapper objectMapper) {
        return new ProblemWriter(objectMapper);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(HttpLimitsProperties limits, ProblemWriter problemWriter) {
        RequestSizeLimitFilter filter = new RequestSizeLimitFilter(
                request -> limits.limitFor(request.getRequestURI()), problemWriter);
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
