package io.incidents.testsupport;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code kafka-acls.sh --add} commands of a document (docs/deploy-kafka.md), read into the
 * bindings Kafka would create from them: the tests grant exactly what the deployment guide tells
 * an operator to grant. Understands the options that guide uses; any other option in an {@code --add}
 * command fails the reading, so the guide cannot say more than the tests apply.
 */
public final class KafkaAclCommands {

    private static final String COMMAND = "kafka-acls.sh";
    /** Options whose value says where to connect, not what to grant. */
    private static final Set<String> CONNECTION_OPTIONS = Set.of("--bootstrap-server", "--command-config");
    private static final Map<String, ResourceType> RESOURCE_OPTIONS = Map.of(
            "--topic", ResourceType.TOPIC, "--group", ResourceType.GROUP, "--transactional-id", ResourceType.TRANSACTIONAL_ID);

    private KafkaAclCommands() {
    }

    /** Every binding the document's commands add, in their order. */
    public static List<AclBinding> read(Path document) {
        try {
            return parse(Files.readString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<AclBinding> parse(String text) {
        List<AclBinding> bindings = new ArrayList<>();
        for (String command : commands(text)) {
            // Only --add grants anything; --list and the like are for reading.
            if (List.of(command.split("\\s+")).contains("--add")) {
                bindings.addAll(bindings(command));
            }
        }
        return bindings;
    }

    /** The document's kafka-acls.sh commands, each on one line (shell line continuations joined). */
    private static List<String> commands(String text) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (current == null && trimmed.startsWith(COMMAND + " ")) {
                current = new StringBuilder();
            }
            if (current != null) {
                boolean continues = trimmed.endsWith("\\");
                current.append(' ').append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                if (!continues) {
                    commands.add(current.toString().strip());
                    current = null;
                }
            }
        }
        return commands;
    }

    private static List<AclBinding> bindings(String command) {
        String[] words = command.split("\\s+");
        List<String> principals = new ArrayList<>();
        List<AclOperation> operations = new ArrayList<>();
        List<ResourcePattern> resources = new ArrayList<>();
        List<String[]> named = new ArrayList<>();
        PatternType patternType = PatternType.LITERAL;
        boolean add = false;
        for (int i = 1; i < words.length; i++) {
            String option = words[i];
            if (option.equals("--add")) {
                add = true;
            } else if (CONNECTION_OPTIONS.contains(option)) {
                i++;
            } else if (option.equals("--allow-principal")) {
                principals.add(words[++i]);
            } else if (option.equals("--operation")) {
                operations.add(AclOperation.fromString(words[++i]));
            } else if (option.equals("--resource-pattern-type")) {
                patternType = PatternType.fromString(words[++i]);
            } else if (RESOURCE_OPTIONS.containsKey(option)) {
                named.add(new String[]{option, words[++i]});
            } else if (option.equals("--cluster")) {
                named.add(new String[]{option, "kafka-cluster"});
            } else {
                throw new IllegalArgumentException("Unsupported option " + option + " in: " + command);
            }
        }
        if (!add || principals.isEmpty() || operations.isEmpty() || named.isEmpty()
                || operations.contains(AclOperation.UNKNOWN) || patternType == PatternType.UNKNOWN) {
            throw new IllegalArgumentException("Not an --add with principal, operation and resource: " + command);
        }
        for (String[] resource : named) {
            ResourceType type = resource[0].equals("--cluster") ? ResourceType.CLUSTER : RESOURCE_OPTIONS.get(resource[0]);
            resources.add(new ResourcePattern(type, resource[1], type == ResourceType.CLUSTER ? PatternType.LITERAL : patternType));
        }
        List<AclBinding> bindings = new ArrayList<>();
        for (ResourcePattern resource : resources) {
            for (String principal : principals) {
                for (AclOperation operation : operations) {
                    bindings.add(new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
                }
            }
        }
        return bindings;
    }
}
