package io.incidents.deploycheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of docs/deploy.md's three-node deployment, {@code deploy/three-node/}: environment
 * files (every service reads {@code common.env}, its own {@code <service>.env}, and its secrets,
 * whose names {@code <service>.secrets.env.example} lists), the systemd unit and the TLS proxy's
 * configuration.
 */
final class ThreeNode {

    static final String DIR = "deploy/three-node/";
    static final String COMMON = DIR + "common.env";
    static final String UNIT = DIR + "incidents@.service";
    static final String PROXY = DIR + "haproxy.cfg";

    private ThreeNode() {
    }

    static String settings(String service) {
        return DIR + service + ".env";
    }

    static String secretsExample(String service) {
        return DIR + service + ".secrets.env.example";
    }

    /** Every variable a service gets, by the file that gives it: common, its own, its secrets. */
    static Map<String, Map<String, String>> environment(String service) {
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        for (String file : List.of(COMMON, settings(service), secretsExample(service))) {
            files.put(file, envFile(file));
        }
        return files;
    }

    /** NAME=value lines in order; comments and blank lines skipped; a line of another form fails. */
    static Map<String, String> envFile(String file) {
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        Repository.read(file).lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> {
            int equals = line.indexOf('=');
            if (equals < 1 || !line.substring(0, equals).matches("[A-Z][A-Z0-9_]*")) {
                malformed.add(line);
            } else if (variables.put(line.substring(0, equals), line.substring(equals + 1)) != null) {
                malformed.add(line + " (given twice)");
            }
        });
        if (!malformed.isEmpty()) {
            throw new IllegalStateException(file + " has lines that are not NAME=value: " + malformed);
        }
        return variables;
    }
}
