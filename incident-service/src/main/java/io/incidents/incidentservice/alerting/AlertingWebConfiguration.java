package io.incidents.incidentservice.alerting;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Where integration keys are taken, and from where not. */
@Configuration(proxyBeanMethods = false)
class AlertingWebConfiguration implements WebMvcConfigurer {

    static final String GRAFANA = "/api/v1/integrations/grafana";

    private final KeyGuard guard;

    AlertingWebConfiguration(KeyGuard guard) {
        this.guard = guard;
    }

    /** Before Spring Security's filters (order -100), whose debug log prints the query string. */
    @Bean
    FilterRegistrationBean<QueryKeyFilter> queryKeyFilter() {
        FilterRegistrationBean<QueryKeyFilter> registration = new FilterRegistrationBean<>(new QueryKeyFilter());
        registration.addUrlPatterns("/api/v1/integrations/*", "/api/v1/alerts", "/v2/enqueue");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** Grafana's webhook contact point may be unable to set a header; every other sender can. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new IntegrationKeyInterceptor(guard, true)).addPathPatterns(GRAFANA);
        registry.addInterceptor(new IntegrationKeyInterceptor(guard, false))
                .addPathPatterns("/api/v1/integrations/**", "/api/v1/alerts").excludePathPatterns(GRAFANA);
    }
}
