package io.incidents.deploycheck;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret is written in the repository (SPEC 9: no secret has a default outside ./stack up):
 * compose takes each one from .env and refuses to start without it, .env.example holds only
 * placeholders, and the Kubernetes manifests only name Secrets created outside the repository.
 */
class SecretsTest {

    /**
     * A variable that holds a secret, by its name: a part (between underscores) that is or ends in
     * PASSWORD or SECRET, or is TOKEN(S), KEY, APIKEY, CREDENTIAL(S); unless the last part says it
     * names where a secret is (LOCAL_AUTH_KEY_FILE) or is an address (..._TOKENURI is not a TOKEN).
     */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?!.*_(FILE|PATH|DIR)$)(.*_)?(\\w*(PASSWORD|PASSWD|SECRET)|TOKENS?|KEY|APIKEY|PRIVATEKEY|CREDENTIALS?)(_.*)?");
    /** ${NAME:?message} or ${NAME?message}: compose stops with the message when NAME is missing. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Za-z0-9_]+):?\\?[^}]*}");
    /** Any ${NAME...} interpolation, with what follows the name. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)([^}]*)}");
    /** A value that is only a placeholder: empty, or in angle brackets. */
    private static final Pattern PLACEHOLDER = Pattern.compile("|<[^<>]*>");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void composeTakesEverySecretFromDotEnvWithoutADefault() {
        List<String> wrong = new ArrayList<>();
        for (String service : compose.services().keySet()) {
            compose.environment(service).forEach((variable, value) -> {
                if (SECRET_NAME.matcher(variable).matches() && (value == null || !REQUIRED.matcher(value).matches())) {
                    wrong.add(service + ": " + variable + "=" + value);
                }
            });
        }
        Matcher interpolation = INTERPOLATION.matcher(Repository.read(ComposeFile.FILE));
        while (interpolation.find()) {
            if (SECRET_NAME.matcher(interpolation.group(1)).matches() && !interpolation.group(2).matches(":?\\?.*")) {
                wrong.add(interpolation.group() + " (a secret with a default, or none required)");
            }
        }
        assertThat(wrong).as("secrets in %s that are not ${NAME:?message} (or ${NAME?message}) from .env", ComposeFile.FILE)
                .isEmpty();
    }

    @Test
    void envExampleHoldsPlaceholdersForEveryVariableComposeReadsAndNothingElse() {
        Map<String, String> example = envExample();
        List<String> real = example.entrySet().stream()
                .filter(e -> SECRET_NAME.matcher(e.getKey()).matches() && !PLACEHOLDER.matcher(e.getValue()).matches())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(real).as(".env.example's secrets are empty or <placeholders>, never a value someone could keep").isEmpty();

        Set<String> read = new LinkedHashSet<>();
        Matcher interpolation = INTERPOLATION.matcher(Repository.read(ComposeFile.FILE));
        while (interpolation.find()) {
            read.add(interpolation.group(1));
        }
        assertThat(example.keySet()).as(".env.example names every variable %s reads from .env", ComposeFile.FILE)
                .containsAll(read);
        assertThat(read).as("%s reads every variable .env.example names", ComposeFile.FILE).containsAll(example.keySet());
    }

    @Test
    void dotEnvStaysOutOfGitAndOfTheImages() {
        assertThat(Repository.read(".gitignore").lines().map(String::strip)).as(".gitignore ignores .env").contains(".env");
        assertThat(Repository.read(".dockerignore").lines().map(String::strip)).as(".dockerignore leaves .env out of the build context")
                .contains(".env");
    }

    @Test
    void kubernetesHoldsNoSecretValues() {
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> secret : Manifests.ofKind("Secret")) {
            for (String field : List.of("data", "stringData")) {
                Repository.map(secret, field).forEach((key, value) -> {
                    if (!PLACEHOLDER.matcher(String.valueOf(value)).matches()) {
                        wrong.add("the Secret " + Repository.at(secret, "metadata.name") + " holds a value for " + key);
                    }
                });
            }
        }
        for (String service : Repository.SERVICES) {
            Manifests.environment(Manifests.container(service)).forEach((variable, entry) -> {
                if (SECRET_NAME.matcher(variable).matches() && Repository.at(entry, "valueFrom.secretKeyRef") == null) {
                    wrong.add(service + ": " + variable + " is not taken from a Secret");
                }
            });
        }
        assertThat(wrong).as("secret values in %s", Manifests.DIR).isEmpty();
    }

    @Test
    void theKubernetesReadmeSaysHowToCreateEverySecretTheManifestsUse() {
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        Matcher create = Pattern.compile("create secret generic (\\S+)([^\\n]*)").matcher(Repository.read(Manifests.DIR + "/README.md"));
        while (create.find()) {
            Set<String> keys = documented.computeIfAbsent(create.group(1), name -> new LinkedHashSet<>());
            Matcher key = Pattern.compile("--from-(?:literal|file)=([\\w.-]+)=").matcher(create.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String service : Repository.SERVICES) {
            Map<String, Object> deployment = Manifests.named("Deployment", service);
            Manifests.environment(Manifests.container(service)).forEach((variable, entry) -> {
                Object name = Repository.at(entry, "valueFrom.secretKeyRef.name");
                Object key = Repository.at(entry, "valueFrom.secretKeyRef.key");
                if (name != null && !documented.getOrDefault(name.toString(), Set.of()).contains(key.toString())) {
                    missing.add(name + " (key " + key + ", for " + service + "'s " + variable + ")");
                }
            });
            for (Object volume : Repository.list(deployment, "spec.template.spec.volumes")) {
                Object name = Repository.at(volume, "secret.secretName");
                if (name != null && !documented.containsKey(name.toString())) {
                    missing.add(name + " (mounted by " + service + ")");
                }
            }
        }
        assertThat(missing).as("Secrets the manifests use that %s/README.md does not show how to create", Manifests.DIR)
                .isEmpty();
    }

    /** .env.example's NAME=value lines. */
    static Map<String, String> envExample() {
        Map<String, String> variables = new LinkedHashMap<>();
        Repository.read(".env.example").lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> {
                    int equals = line.indexOf('=');
                    assertThat(equals).as(".env.example line %s is NAME=value", line).isPositive();
                    variables.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                });
        return variables;
    }
}
