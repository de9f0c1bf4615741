package io.incidents.support.kafka;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.concurrent.TimeUnit;

/** Up when the Kafka cluster answers a describe-cluster request within the timeout. */
class KafkaHealthIndicator extends AbstractHealthIndicator {

    private static final int TIMEOUT_MS = 3000;

    private final AdminClient adminClient;

    KafkaHealthIndicator(AdminClient adminClient) {
        super("Kafka is not reachable");
        this.adminClient = adminClient;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = adminClient.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
        String clusterId = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        int nodes = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
    }
}
