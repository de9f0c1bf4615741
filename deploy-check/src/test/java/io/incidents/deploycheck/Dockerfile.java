package io.incidents.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A module's Dockerfile as instructions, each with the build stage it belongs to (0 for the first FROM). */
record Dockerfile(String module, List<Instruction> instructions) {

    record Instruction(int stage, String keyword, String arguments) {
    }

    static Dockerfile of(String module) {
        List<Instruction> instructions = new ArrayList<>();
        int stage = -1;
        StringBuilder pending = new StringBuilder();
        for (String line : Repository.read(module + "/Dockerfile").split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue; // comments (parser directives too) and blank lines, also between continued lines
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            String whole = (pending + trimmed).strip();
            pending.setLength(0);
            if (whole.isEmpty()) {
                continue;
            }
            String[] split = whole.split("\\s+", 2);
            String keyword = split[0].toUpperCase(Locale.ROOT);
            if (keyword.equals("FROM")) {
                stage++;
            }
            instructions.add(new Instruction(stage, keyword, split.length > 1 ? split[1] : ""));
        }
        return new Dockerfile(module, instructions);
    }

    int stages() {
        return (int) instructions.stream().filter(i -> i.keyword().equals("FROM")).count();
    }

    List<Instruction> stage(int stage) {
        return instructions.stream().filter(i -> i.stage() == stage).toList();
    }

    List<Instruction> finalStage() {
        return stage(stages() - 1);
    }

    /** The arguments of each instruction with this keyword in the final stage. */
    List<String> finalStage(String keyword) {
        return finalStage().stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The image the final stage starts from. */
    String finalImage() {
        return finalStage("FROM").get(0).split("\\s+")[0];
    }
}
