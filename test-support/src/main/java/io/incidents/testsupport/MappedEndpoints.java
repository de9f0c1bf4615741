package io.incidents.testsupport;

import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import java.util.Set;
import java.util.TreeSet;

/** Every endpoint a running service maps (controllers, actuator, API docs), as "METHOD /pattern". */
final class MappedEndpoints {

    private MappedEndpoints() {
    }

    static Set<String> of(ApplicationContext context) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        endpoints.add(method + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    /** A path to call for a pattern: every variable replaced by {@code id}, a trailing wildcard by a real name. */
    static String path(String pattern, String id) {
        return pattern.replace("/**", "/liveness").replaceAll("\\{[^}]+}", id);
    }
}
