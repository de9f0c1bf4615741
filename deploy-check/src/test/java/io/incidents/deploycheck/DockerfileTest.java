package io.incidents.deploycheck;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each image is built by Maven in one stage and runs on a JRE, as a user that is not root, in another. */
class DockerfileTest {

    private static final Pattern JRE = Pattern.compile("eclipse-temurin:(\\d+)(\\.[\\d.]+)?-jre(-[\\w.-]+)?");
    private static final Pattern JAVA_VERSION = Pattern.compile("<java\\.version>(\\d+)</java\\.version>");

    @Test
    void eachImageIsBuiltByMavenInAStageOfItsOwn() {
        for (String module : Repository.IMAGES) {
            Dockerfile dockerfile = Dockerfile.of(module);
            assertThat(dockerfile.stages()).as("%s/Dockerfile is multi-stage", module).isGreaterThanOrEqualTo(2);
            List<String> build = dockerfile.stage(0).stream()
                    .filter(i -> i.keyword().equals("RUN")).map(Dockerfile.Instruction::arguments).toList();
            assertThat(build).as("%s/Dockerfile's first stage builds the module and what it needs with Maven", module)
                    .anyMatch(run -> run.matches(".*\\bmvn\\b.*") && run.contains("-pl " + module) && run.contains(" -am"));
            assertThat(dockerfile.finalStage("COPY")).as("%s/Dockerfile's final stage takes the jar from the build stage", module)
                    .anyMatch(copy -> copy.startsWith("--from="));
        }
    }

    @Test
    void theFinalStageRunsOnAJreOfTheProjectsJavaVersion() {
        Matcher javaVersion = JAVA_VERSION.matcher(Repository.read("pom.xml"));
        assertThat(javaVersion.find()).as("the root pom names java.version").isTrue();
        for (String module : Repository.IMAGES) {
            String image = Dockerfile.of(module).finalImage();
            Matcher jre = JRE.matcher(image);
            assertThat(jre.matches()).as("%s/Dockerfile's final stage runs on a JRE image (eclipse-temurin:N-jre), not %s",
                    module, image).isTrue();
            assertThat(Integer.parseInt(jre.group(1))).as("%s's JRE runs the bytecode of java.version", module)
                    .isGreaterThanOrEqualTo(Integer.parseInt(javaVersion.group(1)));
        }
    }

    @Test
    void eachImageRunsAsAFixedUserThatIsNotRoot() {
        for (String module : Repository.IMAGES) {
            List<String> users = Dockerfile.of(module).finalStage("USER");
            assertThat(users).as("%s/Dockerfile's final stage sets a USER", module).isNotEmpty();
            String user = users.get(users.size() - 1).split(":")[0];
            assertThat(user).as("%s's user", module).isNotIn("root", "0");
            // A number: Kubernetes' runAsNonRoot can only check a numeric user.
            assertThat(user).as("%s's user is a uid", module).matches("\\d+");
        }
    }

    @Test
    void eachImageChecksItsOwnHealthWithWhatItCarries() {
        for (String module : Repository.IMAGES) {
            Dockerfile dockerfile = Dockerfile.of(module);
            List<String> healthchecks = dockerfile.finalStage("HEALTHCHECK");
            assertThat(healthchecks).as("%s/Dockerfile has a HEALTHCHECK", module).hasSize(1);
            assertThat(healthchecks.get(0)).as("%s's HEALTHCHECK", module).doesNotContain("NONE").contains("CMD");
            // The JRE image does not promise curl or wget: the command is a script copied into the image.
            Matcher command = Pattern.compile("CMD \\[\\s*\"([^\"]+)\"").matcher(healthchecks.get(0));
            assertThat(command.find()).as("%s's HEALTHCHECK runs a command in exec form", module).isTrue();
            String program = command.group(1);
            String copy = dockerfile.finalStage("COPY").stream()
                    .filter(c -> c.endsWith("/" + program))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(module + "/Dockerfile runs " + program + " without copying it in"));
            String source = copy.split("\\s+")[0];
            assertThat(Files.isExecutable(Repository.path(source))).as("%s exists and is executable", source).isTrue();
        }
    }

    @Test
    void theHeapFollowsTheContainersMemoryAndJavaGetsTheStopSignal() {
        for (String module : Repository.IMAGES) {
            List<String> entrypoints = Dockerfile.of(module).finalStage("ENTRYPOINT");
            assertThat(entrypoints).as("%s/Dockerfile has an ENTRYPOINT", module).hasSize(1);
            assertThat(entrypoints.get(0)).as("%s's ENTRYPOINT runs java in exec form (java is PID 1 and gets SIGTERM)", module)
                    .startsWith("[\"java\"");
            assertThat(entrypoints.get(0)).as("%s's heap follows the container's memory limit", module).contains("-XX:MaxRAMPercentage=");
        }
    }

    @Test
    void theBuildContextLeavesOutBuildOutputDataAndSecrets() {
        List<String> ignored = Repository.read(".dockerignore").lines().map(String::strip).toList();
        assertThat(ignored).as(".dockerignore").contains("**/target/", ".stack-data/", ".git/", ".env");
    }
}
