package io.incidents.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.util.Map;

/**
 * Request body limits: {@code incidents.http.max-request-size} for every path, and larger or
 * smaller ones per path prefix ({@code incidents.http.max-request-size-by-path./v2/enqueue=512KB}).
 */
@ConfigurationProperties("incidents.http")
public record HttpLimitsProperties(DataSize maxRequestSize, Map<String, DataSize> maxRequestSizeByPath) {

    public HttpLimitsProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofKilobytes(64) : maxRequestSize;
        maxRequestSizeByPath = maxRequestSizeByPath == null ? Map.of() : Map.copyOf(maxRequestSizeByPath);
    }

    public long limitFor(String path) {
        return maxRequestSizeByPath.entrySet().stream()
                .filter(entry -> path.startsWith(entry.getKey()))
                .mapToLong(entry -> entry.getValue().toBytes())
                .findFirst()
                .orElse(maxRequestSize.toBytes());
    }
}
