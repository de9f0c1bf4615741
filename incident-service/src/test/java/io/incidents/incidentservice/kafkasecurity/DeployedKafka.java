package io.incidents.incidentservice.kafkasecurity;

import io.incidents.testsupport.KafkaAclCommands;
import io.incidents.testsupport.SecuredKafka;
import org.apache.kafka.common.acl.AclBinding;

import java.nio.file.Path;
import java.util.List;

/**
 * One secured broker per test JVM, set up as docs/deploy-kafka.md tells an operator to: a SCRAM
 * user per principal, and the ACLs of that page's {@code kafka-acls.sh} commands, read from it.
 */
final class DeployedKafka {

    static final Path GUIDE = Path.of("..", "docs", "deploy-kafka.md");
    static final String INCIDENT_SERVICE = "incident-service";
    static final String TIMELINE_SERVICE = "timeline-service";
    static final String NOTIFICATION_SERVICE = "notification-service";
    /** The guide's example of a named alert producer. */
    static final String ALERT_PRODUCER = "alerts-prometheus";

    private static SecuredKafka broker;

    private DeployedKafka() {
    }

    static synchronized SecuredKafka get() {
        if (broker == null) {
            List<AclBinding> acls = KafkaAclCommands.read(GUIDE);
            SecuredKafka started = SecuredKafka.start();
            started.createUsers(List.of(INCIDENT_SERVICE, TIMELINE_SERVICE, NOTIFICATION_SERVICE, ALERT_PRODUCER));
            started.allow(acls);
            broker = started;
        }
        return broker;
    }
}
