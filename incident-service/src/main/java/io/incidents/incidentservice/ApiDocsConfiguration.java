package io.incidents.incidentservice;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs, Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    OpenAPI incidentCommandApi() {
        return new OpenAPI()
                .info(new Info().title("incident-service command API").version("v1")
                        .description("Declare, acknowledge, escalate, roll back and resolve incidents."))
                .components(new Components()
                        .addSecuritySchemes("basicAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("integrationKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An integration key, for the alert endpoints")));
    }
}
