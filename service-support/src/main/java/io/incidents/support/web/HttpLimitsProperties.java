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
        // The longest matching prefix wins, so overlapping prefixes give one answer whatever the map order.
        return maxRequestSizeByPath.entrySet().stream()
                .filter(entry -> path.startsWith(entry.getKey()))
                .max(java.util.Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(entry -> entry.getValue().toBytes())
                .orElse(maxRequestSize.toBytes());
    }
}
